import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { AppealDeadlinesService } from '../../src/appeals/appeal-deadlines.service.js';
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
import { compensate, insertComplaint } from '../support/ledger-fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const HOUR = 3_600_000;

/** Appeals (PRODUCT.md, "The supplier's own view and appeals"), each target kind told end to end. */
describe('appeals', () => {
  let t: TestApp;
  const today = todayUtc();
  const admin = () => t.token('admin');
  const hotelManager = () => t.token('category_manager', { sub: 'maria.rossi@example.com', categories: ['hotel'] });
  const tourManager = () => t.token('category_manager', { sub: 'lee', categories: ['tour'] });
  const me = (s: SupplierBody) => t.token('supplier', { sub: `supplier-${s.externalRef}`, supplierId: s.id });
  let penalised: SupplierBody;
  let delisted: SupplierBody;
  let rewarded: SupplierBody;

  const run = (asOf: string) => runScoring(t, { asOf, category: 'hotel' });
  async function decisionsOf(s: SupplierBody) {
    return (await t.http().get(`/v1/suppliers/${s.id}/decisions`).set(bearer(admin())).expect(200)).body.items as Array<{
      id: string;
      kind: string;
      fromStatus: string;
      toStatus: string;
      reason: string;
    }>;
  }
  async function supplierOf(s: SupplierBody) {
    return (await t.http().get(`/v1/suppliers/${s.id}`).set(bearer(admin())).expect(200)).body;
  }
  function appeal(token: string, kind: string, id: string, statement = 'The guests stayed in the annex, which we do not run.') {
    return t.http().post('/v1/appeals').set(bearer(token)).send({ target: { kind, id }, statement });
  }
  function rule(token: string, id: string, outcome: string, reason = 'The annex is run by another company.') {
    return t.http().post(`/v1/appeals/${id}/ruling`).set(bearer(token)).send({ outcome, reason });
  }

  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'hotel', { evaluationWindows: [365], minReviews: 20 });
    await publishPolicy(t, 'tour');
    penalised = await createSupplier(t, { name: 'Penalised' });
    delisted = await createSupplier(t, { name: 'Delisted' });
    rewarded = await createSupplier(t, { name: 'Rewarded' });
    const from = addDays(today, -300);
    await sendReviews(t, [
      ...reviewSeries(penalised.externalRef, 'a', 40, 38, from, addDays(today, -100)),
      ...reviewSeries(penalised.externalRef, 'b', 30, 17, addDays(today, -100), addDays(today, -2)),
      ...reviewSeries(delisted.externalRef, 'a', 40, 20, from, addDays(today, -2)),
      ...reviewSeries(rewarded.externalRef, 'a', 40, 40, from, addDays(today, -2)),
    ]);
    for (const s of [penalised, delisted, rewarded]) await forceStatus(t, s.id, 'ACTIVE');
    await t.db.query(`UPDATE suppliers SET tier = 'GOOD' WHERE id = ANY($1)`, [[penalised.id, delisted.id, rewarded.id]]);
    await run(addDays(today, -1));
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  it('a granted appeal of a penalty takes the supplier back to ACTIVE, as APPEAL_GRANTED, announced', async () => {
    const [penalty] = await decisionsOf(penalised);
    expect(penalty).toMatchObject({ kind: 'PENALTY', toStatus: 'PROBATION' });
    const filed = await appeal(me(penalised), 'DECISION', penalty.id).expect(201);
    expect(filed.body).toMatchObject({
      supplierId: penalised.id,
      target: { kind: 'DECISION', id: penalty.id },
      status: 'OPEN',
      overdue: false,
      ruling: null,
    });
    expect(Date.parse(filed.body.decideBy) - Date.parse(filed.body.createdAt)).toBe(48 * HOUR);
    // One appeal per target, whoever makes the second.
    expectProblem(await appeal(me(penalised), 'DECISION', penalty.id), 409);
    expectProblem(await appeal(hotelManager(), 'DECISION', penalty.id), 409);
    // Only the category's managers rule, once.
    expectProblem(await rule(tourManager(), filed.body.id, 'GRANTED'), 403);
    expectProblem(await rule(me(penalised), filed.body.id, 'GRANTED'), 403);
    const eventsBefore = (await t.http().get('/v1/events?limit=500').set(bearer(admin())).expect(200)).body.items.length;
    const ruled = await rule(hotelManager(), filed.body.id, 'GRANTED').expect(200);
    expect(ruled.body).toMatchObject({ status: 'GRANTED', ruling: { outcome: 'GRANTED', by: 'maria.rossi@example.com' } });
    expectProblem(await rule(hotelManager(), filed.body.id, 'DENIED'), 409);

    expect(await supplierOf(penalised)).toMatchObject({ status: 'ACTIVE', probationEndsAt: null });
    const [granted] = await decisionsOf(penalised);
    expect(granted).toMatchObject({ kind: 'APPEAL_GRANTED', fromStatus: 'PROBATION', toStatus: 'ACTIVE' });
    expect(granted.reason).toContain(filed.body.id);
    const events = (await t.http().get('/v1/events?limit=500').set(bearer(admin())).expect(200)).body.items.slice(eventsBefore);
    expect(events).toEqual([expect.objectContaining({ type: 'supplier.appeal_granted', supplierId: penalised.id })]);

    // The supplier reads its appeal and who ruled as "category manager".
    const mine = (
      await t
        .http()
        .get('/v1/me/appeals')
        .set(bearer(me(penalised)))
        .expect(200)
    ).body.items;
    expect(mine).toEqual([
      expect.objectContaining({ id: filed.body.id, status: 'GRANTED', ruling: expect.objectContaining({ by: 'category manager' }) }),
    ]);
    const one = (
      await t
        .http()
        .get(`/v1/appeals/${filed.body.id}`)
        .set(bearer(me(penalised)))
        .expect(200)
    ).body;
    expect(one.ruling.by).toBe('category manager');
    expectProblem(
      await t
        .http()
        .get(`/v1/appeals/${filed.body.id}`)
        .set(bearer(me(delisted))),
      404,
    );
  });

  it('a granted review appeal excludes the review, and the scorecard shows it at once', async () => {
    const reviews = (
      await t
        .http()
        .get('/v1/me/reviews?limit=500')
        .set(bearer(me(penalised)))
        .expect(200)
    ).body.items;
    const bad = reviews.find((r: { rating: number }) => r.rating < 4);
    const before = (
      await t
        .http()
        .get('/v1/me/scorecard')
        .set(bearer(me(penalised)))
        .expect(200)
    ).body;
    const filed = await appeal(me(penalised), 'REVIEW', bad.id, 'The guest complains about the weather.').expect(201);
    await rule(hotelManager(), filed.body.id, 'GRANTED', 'Weather is not the supplier’s doing.').expect(200);
    const review = (await t.http().get(`/v1/reviews/${bad.id}`).set(bearer(admin())).expect(200)).body;
    expect(review).toMatchObject({ excluded: true });
    expect(review.excludedReason).toContain(`Appeal ${filed.body.id} granted`);
    const after = (
      await t
        .http()
        .get('/v1/me/scorecard')
        .set(bearer(me(penalised)))
        .expect(200)
    ).body;
    expect(after.evaluation.n).toBe(before.evaluation.n - 1);
    expect(after.evaluation.positives).toBe(before.evaluation.positives);
  });

  it('a granted appeal of a recovery charge waives what is outstanding', async () => {
    const now = Date.now();
    const complaintId = await insertComplaint(t, rewarded.id, {
      fault: 'SUPPLIER',
      openedAt: new Date(now - 5 * HOUR).toISOString(),
      resolvedAt: new Date(now - 4 * HOUR).toISOString(),
    });
    const { charge } = await compensate(t, {
      complaintId,
      supplierId: rewarded.id,
      amount: 120,
      chargeable: true,
      paidAt: new Date(now - 3 * HOUR),
    });
    const filed = await appeal(me(rewarded), 'CHARGE', charge!.id, 'The guest changed the booking himself.').expect(201);
    expectProblem(await appeal(me(penalised), 'CHARGE', charge!.id), 404);
    await rule(hotelManager(), filed.body.id, 'GRANTED', 'The booking log shows the customer changed it.').expect(200);
    const ledger = (await t.http().get(`/v1/suppliers/${rewarded.id}/ledger`).set(bearer(admin())).expect(200)).body;
    expect(ledger.items[0]).toMatchObject({ kind: 'RECOVERY_WAIVED', chargeId: charge!.id, amount: 120, currency: 'CNY' });
    expect(ledger.items[0].reason).toContain(`Appeal ${filed.body.id} granted`);
    expect(ledger.balances).toEqual([expect.objectContaining({ currency: 'CNY', charged: 120, waived: 120, outstanding: 0 })]);
    // The supplier reads the same ledger, where the manager who waived is "category manager".
    const mine = (
      await t
        .http()
        .get('/v1/me/ledger')
        .set(bearer(me(rewarded)))
        .expect(200)
    ).body;
    expect(mine.balances).toEqual(ledger.balances);
    expect(mine.items.map((e: { kind: string; actor: string }) => [e.kind, e.actor])[0]).toEqual(['RECOVERY_WAIVED', 'category manager']);
    expect(ledger.items[0].actor).toBe('maria.rossi@example.com');
  });

  it('a denied appeal changes nothing', async () => {
    const [delist] = await decisionsOf(delisted);
    expect(delist).toMatchObject({ kind: 'DELIST', toStatus: 'DELISTED' });
    const reviews = (
      await t
        .http()
        .get('/v1/me/reviews?limit=1')
        .set(bearer(me(delisted)))
        .expect(200)
    ).body.items;
    const filed = await appeal(me(delisted), 'REVIEW', reviews[0].id).expect(201);
    await rule(hotelManager(), filed.body.id, 'DENIED', 'The review is about the rooms.').expect(200);
    expect((await t.http().get(`/v1/reviews/${reviews[0].id}`).set(bearer(admin())).expect(200)).body.excluded).toBe(false);
    expect(await supplierOf(delisted)).toMatchObject({ status: 'DELISTED' });
  });

  it('a granted DELIST appeal after the supplier was re-admitted is 409 superseded, and can still be denied', async () => {
    const [delist] = await decisionsOf(delisted);
    const filed = await appeal(hotelManager(), 'DECISION', delist.id).expect(201);
    await t
      .http()
      .post(`/v1/suppliers/${delisted.id}/status`)
      .set(bearer(admin()))
      .send({ status: 'ACTIVE', reason: 'Re-admitted after renovation' })
      .expect(200);
    const refused = expectProblem(await rule(hotelManager(), filed.body.id, 'GRANTED'), 409);
    expect(refused.type).toBe('urn:supplier-governance:problem:appeal-superseded');
    expect((await t.http().get(`/v1/appeals/${filed.body.id}`).set(bearer(admin())).expect(200)).body.status).toBe('OPEN');
    expect((await decisionsOf(delisted))[0].kind).toBe('OVERRIDE');
    await rule(hotelManager(), filed.body.id, 'DENIED', 'Superseded by the re-admission.').expect(200);
  });

  it('an appeal of a REWARD is 422, out of its window 409, of another supplier’s target or none 404', async () => {
    const [reward] = await decisionsOf(rewarded);
    expect(reward.kind).toBe('REWARD');
    const unappealable = expectProblem(await appeal(me(rewarded), 'DECISION', reward.id), 422);
    expect(unappealable.errors?.map((e) => e.field)).toEqual(['target.id']);
    const delist = (await decisionsOf(delisted)).find((d) => d.kind === 'DELIST')!;
    expectProblem(await appeal(me(rewarded), 'DECISION', delist.id), 404);
    expectProblem(await appeal(me(rewarded), 'DECISION', randomUUID()), 404);
    expectProblem(await appeal(me(rewarded), 'CHARGE', randomUUID()), 404);
    expectProblem(await appeal(tourManager(), 'DECISION', delist.id), 403);

    const reviews = (
      await t
        .http()
        .get('/v1/me/reviews?limit=1')
        .set(bearer(me(rewarded)))
        .expect(200)
    ).body.items;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 14 * 24 * HOUR + 60_000 });
    try {
      expectProblem(await appeal(me(rewarded), 'REVIEW', reviews[0].id), 409);
    } finally {
      vi.useRealTimers();
    }
    for (const body of [
      {},
      { target: { kind: 'REVIEW', id: reviews[0].id } },
      { target: { kind: 'OPINION', id: reviews[0].id }, statement: 'x' },
      { target: { kind: 'REVIEW', id: 'r1' }, statement: 'x' },
      { target: { kind: 'REVIEW', id: reviews[0].id }, statement: '   ' },
    ]) {
      expectProblem(
        await t
          .http()
          .post('/v1/appeals')
          .set(bearer(me(rewarded)))
          .send(body),
        400,
      );
    }
    // A list where the target object belongs is named as the target, not as paths it does not have.
    const listed = expectProblem(
      await t
        .http()
        .post('/v1/appeals')
        .set(bearer(me(rewarded)))
        .send({ target: [{}], statement: 'x' }),
      400,
    );
    expect(listed.errors?.map((e) => e.field)).toEqual(['target']);
  });

  it('open appeals past their deadline are listed as overdue, to the managers of their category', async () => {
    const reviews = (
      await t
        .http()
        .get('/v1/me/reviews?limit=5')
        .set(bearer(me(rewarded)))
        .expect(200)
    ).body.items;
    const filed = await appeal(me(rewarded), 'REVIEW', reviews[1].id).expect(201);
    const overdue = async (token: string) =>
      (await t.http().get('/v1/appeals?overdue=true').set(bearer(token)).expect(200)).body.items.map((a: { id: string }) => a.id);
    expect(await overdue(admin())).not.toContain(filed.body.id);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse(filed.body.decideBy) });
    try {
      expect(await overdue(admin())).toContain(filed.body.id);
      expect(await overdue(hotelManager())).toContain(filed.body.id);
      expect(await overdue(tourManager())).toEqual([]);
      expectProblem(await t.http().get('/v1/appeals?category=hotel').set(bearer(tourManager())), 403);
      const one = (await t.http().get(`/v1/appeals/${filed.body.id}`).set(bearer(admin())).expect(200)).body;
      expect(one.overdue).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('an appeal left unruled past its deadline', () => {
  let t: TestApp;
  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  it('is announced once (appeal.overdue), by the scheduled job and by any number of instances at once', async () => {
    t = await startTestApp({ jobs: { enabled: true, scoringCron: '0 0 0 1 1 *', appealSlaCron: '* * * * * *' } });
    await publishPolicy(t, 'hotel');
    const s = await createSupplier(t);
    const from = addDays(todayUtc(), -10);
    await sendReviews(t, reviewSeries(s.externalRef, 'a', 3, 1, from, addDays(todayUtc(), -1)));
    const token = t.token('supplier', { supplierId: s.id });
    const [review, second] = (await t.http().get('/v1/me/reviews').set(bearer(token)).expect(200)).body.items;
    const appealAt = async (at: number, id: string) => {
      vi.useFakeTimers({ toFake: ['Date'], now: at });
      try {
        return (
          await t
            .http()
            .post('/v1/appeals')
            .set(bearer(token))
            .send({ target: { kind: 'REVIEW', id }, statement: 'Not us.' })
            .expect(201)
        ).body;
      } finally {
        vi.useRealTimers();
      }
    };
    // Made 49 hours ago: its 48 hours ran out an hour ago.
    const late = await appealAt(Date.now() - 49 * HOUR, review.id);
    const overdueEvents = async () =>
      (
        await t
          .http()
          .get('/v1/events?limit=500')
          .set(bearer(t.token('admin')))
          .expect(200)
      ).body.items.filter((e: { type: string }) => e.type === 'appeal.overdue');
    const deadline = Date.now() + 10_000;
    while ((await overdueEvents()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await overdueEvents()).toEqual([
      expect.objectContaining({
        supplierId: s.id,
        decision: null,
        payload: { appealId: late.id, target: { kind: 'REVIEW', id: review.id }, decideBy: late.decideBy },
      }),
    ]);

    // A second appeal, overdue for three instances announcing at the same moment: one event.
    const other = await appealAt(Date.now() - 50 * HOUR, second.id);
    const deadlines = t.app.get(AppealDeadlinesService);
    await Promise.all([deadlines.announceOverdue(), deadlines.announceOverdue(), deadlines.announceOverdue()]);
    await new Promise((r) => setTimeout(r, 1500));
    const events = await overdueEvents();
    expect(events.map((e: { payload: { appealId: string } }) => e.payload.appealId).sort()).toEqual([late.id, other.id].sort());
    expect(
      (
        await t
          .http()
          .get(`/v1/appeals/${late.id}`)
          .set(bearer(t.token('admin')))
          .expect(200)
      ).body.overdue,
    ).toBe(true);
  });
});
