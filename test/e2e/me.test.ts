import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addDays, todayUtc } from '../../src/common/time/dates.js';
import {
  createSupplier,
  expectProblem,
  forceStatus,
  publishPolicy,
  reviewSeries,
  runScoring,
  sendReviews,
  type SupplierBody,
} from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The supplier's own view (PRODUCT.md, "The supplier's own view and appeals"): a supplier reads
 * its record, scorecard with what the next run would decide, history, decisions and reviews, and
 * never another supplier's, a manager's name or a shopper.
 */
describe("the supplier's own view", () => {
  let t: TestApp;
  let good: SupplierBody;
  let poor: SupplierBody;
  let other: SupplierBody;
  const today = todayUtc();
  const admin = () => t.token('admin');
  const me = (s: SupplierBody) => t.token('supplier', { sub: `supplier-${s.externalRef}`, supplierId: s.id });

  const run = (asOf: string) => runScoring(t, { asOf, category: 'hotel' });

  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'hotel', { evaluationWindows: [365], minReviews: 20 });
    good = await createSupplier(t, { name: 'Good hotel' });
    poor = await createSupplier(t, { name: 'Poor hotel' });
    other = await createSupplier(t, { name: 'Someone else' });
    const from = addDays(today, -300);
    await sendReviews(t, [
      ...reviewSeries(good.externalRef, 'a', 40, 37, from, addDays(today, -20)),
      ...reviewSeries(poor.externalRef, 'a', 40, 38, from, addDays(today, -100)),
      ...reviewSeries(poor.externalRef, 'b', 30, 17, addDays(today, -100), addDays(today, -20)),
      ...reviewSeries(other.externalRef, 'a', 30, 30, from, addDays(today, -1)),
    ]);
    for (const s of [good, poor, other]) await forceStatus(t, s.id, 'ACTIVE');
    await t.db.query(`UPDATE suppliers SET tier = 'GOOD' WHERE id = ANY($1)`, [[good.id, poor.id, other.id]]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('a supplier reads its own record and nothing of anyone else’s', async () => {
    const res = await t
      .http()
      .get('/v1/me/supplier')
      .set(bearer(me(good)))
      .expect(200);
    expect(res.body).toMatchObject({ id: good.id, name: 'Good hotel', status: 'ACTIVE' });
    // A token for a supplier that is not on record: nothing to show.
    expectProblem(
      await t
        .http()
        .get('/v1/me/supplier')
        .set(bearer(t.token('supplier', { supplierId: randomUUID() }))),
      404,
    );
    // The manager-side reads of another supplier are closed to a supplier token.
    for (const path of ['', '/scorecard', '/decisions', '/reviews', '/history']) {
      expectProblem(
        await t
          .http()
          .get(`/v1/suppliers/${other.id}${path}`)
          .set(bearer(me(good))),
        403,
      );
    }
    // And /v1/me is closed to everyone else.
    for (const role of ['admin', 'category_manager', 'integration'] as const) {
      expectProblem(
        await t
          .http()
          .get('/v1/me/supplier')
          .set(bearer(t.token(role))),
        403,
      );
    }
  });

  it('the scorecard says what the next run would decide, by the runs’ own rules, and writes nothing', async () => {
    const card = (
      await t
        .http()
        .get('/v1/me/scorecard')
        .set(bearer(me(poor)))
        .expect(200)
    ).body;
    expect(card).toMatchObject({ supplierId: poor.id, asOf: today, evaluation: { windowDays: 365, n: 70 } });
    expect(card.evaluation.tier).toBe('POOR');
    expect(card.projection).toMatchObject({ decision: 'PENALTY', status: 'PROBATION', probationEndsAt: addDays(today, 30) });
    expect(card.projection.reason).toMatch(/\d/);
    expect(card.projection.nextStep).toMatch(/reinstat/i);
    const stored = (await t.http().get(`/v1/suppliers/${poor.id}`).set(bearer(admin())).expect(200)).body;
    expect(stored).toMatchObject({ status: 'ACTIVE', tier: 'GOOD', probationEndsAt: null });

    const fine = (
      await t
        .http()
        .get('/v1/me/scorecard')
        .set(bearer(me(good)))
        .expect(200)
    ).body;
    expect(fine.projection).toMatchObject({ decision: null, status: 'ACTIVE', tier: 'GOOD' });
    expectProblem(
      await t
        .http()
        .get(`/v1/me/scorecard?asOf=${addDays(today, 1)}`)
        .set(bearer(me(good))),
      422,
    );
  });

  it('history has one point per run, equal to the run’s snapshot, with the status the run left', async () => {
    await run(addDays(today, -10));
    await run(addDays(today, -5));
    const history = (
      await t
        .http()
        .get('/v1/me/history')
        .set(bearer(me(poor)))
        .expect(200)
    ).body;
    expect(history).toMatchObject({ supplierId: poor.id, from: addDays(today, -89), to: today });
    const { rows } = await t.db.query(
      `SELECT to_char(as_of, 'YYYY-MM-DD') AS "asOf", window_days AS "windowDays", n, positives, rate, tier
         FROM score_snapshots WHERE supplier_id = $1 ORDER BY as_of`,
      [poor.id],
    );
    expect(rows).toHaveLength(2);
    expect(history.items.map(({ status: _s, ...point }: Record<string, unknown>) => point)).toEqual(rows);
    // The first run put it on probation; the second left it there.
    expect(history.items.map((p: { status: string }) => p.status)).toEqual(['PROBATION', 'PROBATION']);
    const managerView = (await t.http().get(`/v1/suppliers/${poor.id}/history`).set(bearer(admin())).expect(200)).body;
    expect(managerView).toEqual(history);
    const window = (
      await t
        .http()
        .get(`/v1/me/history?from=${addDays(today, -7)}&to=${addDays(today, -5)}`)
        .set(bearer(me(poor)))
        .expect(200)
    ).body;
    expect(window.items.map((p: { asOf: string }) => p.asOf)).toEqual([addDays(today, -5)]);
  });

  it('a history range out of order, too long, in the future or no date at all is refused naming the field', async () => {
    const cases: Array<[string, number, string]> = [
      [`from=${addDays(today, -1)}&to=${addDays(today, -2)}`, 422, 'from'],
      [`from=${addDays(today, -800)}`, 422, 'from'],
      [`to=${addDays(today, 1)}`, 422, 'to'],
      ['from=1999-12-31', 422, 'from'],
      ['from=2026-02-30', 400, 'from'],
      ['to=yesterday', 400, 'to'],
    ];
    for (const [query, status, field] of cases) {
      const problem = expectProblem(await t.http().get(`/v1/suppliers/${poor.id}/history?${query}`).set(bearer(admin())), status);
      expect(
        problem.errors?.map((e) => e.field),
        query,
      ).toEqual([field]);
    }
    const tourManager = t.token('category_manager', { categories: ['tour'] });
    expectProblem(await t.http().get(`/v1/suppliers/${poor.id}/history`).set(bearer(tourManager)), 403);
    expectProblem(await t.http().get(`/v1/suppliers/${randomUUID()}/history`).set(bearer(admin())), 404);
  });

  it('decisions made by a person say "category manager"; the job stays named', async () => {
    await t
      .http()
      .post(`/v1/suppliers/${good.id}/status`)
      .set(bearer(t.token('category_manager', { sub: 'maria.rossi@example.com', categories: ['hotel'] })))
      .send({ status: 'SUSPENDED', reason: 'Safety inspection pending' })
      .expect(200);
    const mine = (
      await t
        .http()
        .get('/v1/me/decisions')
        .set(bearer(me(good)))
        .expect(200)
    ).body.items;
    expect(mine[0]).toMatchObject({
      kind: 'OVERRIDE',
      toStatus: 'SUSPENDED',
      actor: 'category manager',
      reason: 'Safety inspection pending',
    });
    expect(JSON.stringify(mine)).not.toContain('maria.rossi');
    const managerSide = (await t.http().get(`/v1/suppliers/${good.id}/decisions`).set(bearer(admin())).expect(200)).body.items;
    expect(managerSide[0].actor).toBe('maria.rossi@example.com');
    const poorDecisions = (
      await t
        .http()
        .get('/v1/me/decisions')
        .set(bearer(me(poor)))
        .expect(200)
    ).body.items;
    expect(poorDecisions.map((d: { kind: string; actor: string }) => [d.kind, d.actor])).toEqual([['PENALTY', 'job:scoring-run']]);
  });

  it('complaints list without the customer’s words, only the supplier’s own, with what was paid', async () => {
    const file = (s: SupplierBody, externalId: string) =>
      t
        .http()
        .post('/v1/complaints')
        .set(bearer(t.token('integration')))
        .send({
          externalId,
          supplierId: s.id,
          orderRef: `ORD-${externalId}`,
          openedAt: new Date(Date.now() - 3_600_000).toISOString(),
          complaintCategory: 'CLEANLINESS',
          description: 'Mrs Jane Customer found the room dirty',
        })
        .expect(201);
    const mine = (await file(poor, 'cx-me-1')).body;
    await file(other, 'cx-me-2');
    await t
      .http()
      .post(`/v1/complaints/${mine.id}/compensation`)
      .set(bearer(t.token('integration')))
      .send({ amount: 50, currency: 'CNY' })
      .expect(201);
    const res = await t
      .http()
      .get('/v1/me/complaints')
      .set(bearer(me(poor)))
      .expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ id: mine.id, orderRef: 'ORD-cx-me-1', status: 'OPEN', compensation: [{ amount: 50, currency: 'CNY' }] }),
    ]);
    expect(res.body.items[0].description).toBeUndefined();
    expect(res.text).not.toContain('Jane');
    expect(
      (
        await t
          .http()
          .get('/v1/me/complaints?status=RESOLVED')
          .set(bearer(me(poor)))
          .expect(200)
      ).body.items,
    ).toEqual([]);
    expectProblem(
      await t
        .http()
        .get('/v1/me/complaints?supplierId=' + other.id)
        .set(bearer(me(poor))),
      400,
    );
  });

  it('reviews list with their exclusion state, only the supplier’s own', async () => {
    const all = (
      await t
        .http()
        .get('/v1/me/reviews?limit=500')
        .set(bearer(me(poor)))
        .expect(200)
    ).body.items;
    expect(all).toHaveLength(70);
    expect(new Set(all.map((r: { supplierId: string }) => r.supplierId))).toEqual(new Set([poor.id]));
    await t.http().post(`/v1/reviews/${all[0].id}/exclusion`).set(bearer(admin())).send({ reason: 'About the weather' }).expect(200);
    const excluded = (
      await t
        .http()
        .get('/v1/me/reviews?excluded=true')
        .set(bearer(me(poor)))
        .expect(200)
    ).body.items;
    expect(excluded).toEqual([expect.objectContaining({ id: all[0].id, excluded: true, excludedReason: 'About the weather' })]);
    expectProblem(
      await t
        .http()
        .get('/v1/me/reviews?excluded=maybe')
        .set(bearer(me(poor))),
      400,
    );
  });
});
