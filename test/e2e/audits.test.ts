import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AuditsService } from '../../src/audits/audits.service.js';
import { createSupplier, expectProblem, forceStatus, publishPolicy, reviewSeries, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const ASOF = '2026-06-01';

describe('mystery-shopper program', () => {
  let t: TestApp;
  let admin: string;
  const s: Record<string, SupplierBody> = {};
  const shoppers: Record<string, string> = {};
  const shopperToken = (name: string) => t.token('mystery_shopper', { sub: `shopper-${name}`, shopperId: shoppers[name] });
  const report = (overrides: Record<string, unknown> = {}) => ({
    visitedAt: new Date().toISOString(),
    checklist: [
      { key: 'as_described', score: 2 },
      { key: 'safety', score: 1 },
      { key: 'service', score: 3, note: 'Slow check-in' },
      { key: 'cleanliness', score: 2 },
    ],
    verdict: 'CONFIRMS_REVIEWS',
    summary: 'The complaints are real.',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour');
    for (const [name, city] of [
      ['neg', 'Lyon'],
      ['burst', 'Paris'],
      ['quiet', 'Paris'],
      ['applicant', 'Paris'],
    ] as const) {
      s[name] = await createSupplier(t, { externalRef: name, category: 'hotel', city });
      if (name !== 'applicant') await forceStatus(t, s[name].id, 'ACTIVE');
    }
    await t
      .http()
      .post('/v1/reviews/batch')
      .set(bearer(t.token('integration')))
      .send({
        reviews: [
          ...reviewSeries('neg', 'now', 20, 12, '2026-03-03', '2026-06-01', 1),
          ...reviewSeries('burst', 'before', 20, 14, '2025-12-03', '2026-03-03', 1),
          ...reviewSeries('burst', 'now', 20, 20, '2026-03-03', '2026-06-01', 1),
          ...reviewSeries('applicant', 'now', 20, 5, '2026-03-03', '2026-06-01', 1),
        ],
      })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('ranks targets by signal: negative rate, a burst of praise, then the coverage gap alone', async () => {
    const res = await t.http().get(`/v1/audit-targets?category=hotel&asOf=${ASOF}`).set(bearer(admin)).expect(200);
    const byId = new Map(res.body.map((x: { supplierId: string }) => [x.supplierId, x]));
    expect(byId.get(s.neg.id)).toMatchObject({ reasons: ['NEGATIVE_RATE', 'COVERAGE_GAP'], negativeRate: 0.4 });
    expect(byId.get(s.burst.id)).toMatchObject({ reasons: ['RATING_SHIFT', 'COVERAGE_GAP'] });
    expect((byId.get(s.burst.id) as { shift: number }).shift).toBeCloseTo(0.3, 12);
    expect(byId.get(s.quiet.id)).toMatchObject({ reasons: ['COVERAGE_GAP'], priority: 1 });
    expect(byId.has(s.applicant.id)).toBe(false);
    expect(res.body[res.body.length - 1].supplierId).toBe(s.quiet.id);
    const tourManager = t.token('category_manager', { categories: ['tour'] });
    expectProblem(await t.http().get('/v1/audit-targets?category=hotel').set(bearer(tourManager)), 403);
  });

  it('registers shoppers and plans within categories, conflicts and capacity', async () => {
    const create = async (body: Record<string, unknown>) =>
      (await t.http().post('/v1/shoppers').set(bearer(admin)).send(body).expect(201)).body.id as string;
    shoppers.lyon = await create({
      displayName: 'Lyon local',
      city: 'Lyon',
      categories: ['hotel'],
      maxOpenAudits: 1,
      conflictSupplierIds: [s.neg.id],
    });
    shoppers.paris = await create({ displayName: 'Paris', city: 'Paris', categories: ['hotel'], maxOpenAudits: 2, themes: ['family'] });
    shoppers.tour = await create({ displayName: 'Tours only', categories: ['tour'], maxOpenAudits: 5 });
    expectProblem(
      await t.http().post('/v1/shoppers').set(bearer(admin)).send({ displayName: 'x', categories: [], maxOpenAudits: -1 }),
      400,
    );

    const plan = await t.http().post('/v1/audits/plan').set(bearer(admin)).send({ category: 'hotel', asOf: ASOF }).expect(201);
    const assigned = new Map(plan.body.items.map((a: { supplierId: string; shopperId: string }) => [a.supplierId, a.shopperId]));
    expect(assigned.size).toBe(3);
    expect(assigned.get(s.neg.id)).toBe(shoppers.paris);
    expect([...assigned.values()].filter((x) => x === shoppers.lyon)).toHaveLength(1);
    expect([...assigned.values()]).not.toContain(shoppers.tour);
    for (const a of plan.body.items) expect(a).toMatchObject({ status: 'ASSIGNED' });

    // Nothing left to plan: every target has an open audit and every slot is taken.
    const again = await t.http().post('/v1/audits/plan').set(bearer(admin)).send({ category: 'hotel', asOf: ASOF }).expect(201);
    expect(again.body.items).toEqual([]);
    const shopperList = await t.http().get('/v1/shoppers').set(bearer(admin)).expect(200);
    expect(shopperList.body.items.find((x: { id: string }) => x.id === shoppers.paris).openAudits).toBe(2);
  });

  it('a shopper sees and acts on its own assignments only', async () => {
    const mine = await t
      .http()
      .get('/v1/me/audits')
      .set(bearer(shopperToken('lyon')))
      .expect(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0].checklist.map((c: { key: string }) => c.key)).toEqual(['as_described', 'safety', 'service', 'cleanliness']);
    const parisAudits = (
      await t
        .http()
        .get('/v1/me/audits')
        .set(bearer(shopperToken('paris')))
        .expect(200)
    ).body.items;
    expect(parisAudits).toHaveLength(2);
    const foreign = parisAudits[0].id;
    expectProblem(
      await t
        .http()
        .post(`/v1/audits/${foreign}/accept`)
        .set(bearer(shopperToken('lyon'))),
      404,
    );
    expectProblem(
      await t
        .http()
        .post(`/v1/audits/${foreign}/report`)
        .set(bearer(shopperToken('lyon')))
        .send(report()),
      404,
    );
    expectProblem(
      await t
        .http()
        .get(`/v1/audits/${foreign}`)
        .set(bearer(shopperToken('lyon'))),
      403,
    );
    expectProblem(await t.http().get('/v1/me/audits').set(bearer(admin)), 403);
  });

  it('runs the lifecycle, refusing every illegal move; a failed audit puts the supplier on probation', async () => {
    const paris = shopperToken('paris');
    const audit = (await t.http().get(`/v1/audits?supplierId=${s.neg.id}`).set(bearer(admin)).expect(200)).body.items[0];
    expectProblem(await t.http().post(`/v1/audits/${audit.id}/report`).set(bearer(paris)).send(report()), 409);
    expectProblem(await t.http().post(`/v1/audits/${audit.id}/review`).set(bearer(admin)).send({ accept: true, note: 'too early' }), 409);
    await t.http().post(`/v1/audits/${audit.id}/accept`).set(bearer(paris)).expect(200);
    expectProblem(await t.http().post(`/v1/audits/${audit.id}/accept`).set(bearer(paris)), 409);
    expectProblem(await t.http().post(`/v1/audits/${audit.id}/decline`).set(bearer(paris)), 409);

    const missing = await t
      .http()
      .post(`/v1/audits/${audit.id}/report`)
      .set(bearer(paris))
      .send(report({ checklist: [{ key: 'safety', score: 1 }] }));
    expect(expectProblem(missing, 422).errors?.map((e) => e.message)).toContain('"as_described" must be scored');
    const unknown = await t
      .http()
      .post(`/v1/audits/${audit.id}/report`)
      .set(bearer(paris))
      .send(report({ checklist: [...report().checklist, { key: 'wifi', score: 5 }] }));
    expect(expectProblem(unknown, 422).errors?.[0].field).toBe('checklist[4].key');
    const range = await t
      .http()
      .post(`/v1/audits/${audit.id}/report`)
      .set(bearer(paris))
      .send(report({ checklist: [{ key: 'safety', score: 6 }] }));
    expect(expectProblem(range, 400).errors?.[0].field).toBe('checklist[0].score');
    const future = await t
      .http()
      .post(`/v1/audits/${audit.id}/report`)
      .set(bearer(paris))
      .send(report({ visitedAt: '2999-01-01T00:00:00Z' }));
    expect(expectProblem(future, 422).errors?.[0].field).toBe('visitedAt');
    const before = await t
      .http()
      .post(`/v1/audits/${audit.id}/report`)
      .set(bearer(paris))
      .send(report({ visitedAt: '2020-01-01T00:00:00Z' }));
    expect(expectProblem(before, 422).errors?.[0].field).toBe('visitedAt');

    // Two submissions at once: exactly one wins.
    const [a, b] = await Promise.all([
      t.http().post(`/v1/audits/${audit.id}/report`).set(bearer(paris)).send(report()),
      t.http().post(`/v1/audits/${audit.id}/report`).set(bearer(paris)).send(report()),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const submitted = a.status === 200 ? a.body : b.body;
    // (3*2 + 3*1 + 2*3 + 2*2) / 10 / 5 * 100 = 38
    expect(submitted).toMatchObject({ status: 'SUBMITTED', score: 38 });

    const tourManager = t.token('category_manager', { categories: ['tour'] });
    expectProblem(
      await t.http().post(`/v1/audits/${audit.id}/review`).set(bearer(tourManager)).send({ accept: true, note: 'not mine' }),
      403,
    );
    const reviewed = await t
      .http()
      .post(`/v1/audits/${audit.id}/review`)
      .set(bearer(admin))
      .send({ accept: true, note: 'Photos match' })
      .expect(200);
    expect(reviewed.body.status).toBe('ACCEPTED_REPORT');
    expectProblem(await t.http().post(`/v1/audits/${audit.id}/review`).set(bearer(admin)).send({ accept: true, note: 'twice' }), 409);

    const supplier = (await t.http().get(`/v1/suppliers/${s.neg.id}`).set(bearer(admin)).expect(200)).body;
    expect(supplier.status).toBe('PROBATION');
    expect(supplier.probationEndsAt).not.toBeNull();
    const [decision] = (await t.http().get(`/v1/suppliers/${s.neg.id}/decisions`).set(bearer(admin)).expect(200)).body.items;
    expect(decision).toMatchObject({
      kind: 'AUDIT_FAILED',
      fromStatus: 'ACTIVE',
      toStatus: 'PROBATION',
      evidence: { auditId: audit.id, score: 38, passScore: 60 },
    });
    // The failure stands until a re-audit: reviews cannot reinstate, so the next step aims at a passing re-audit before probation ends.
    expect(decision.nextStep).toContain('Only a passing re-audit reinstates');
    expect(decision.nextStep).toContain(`Without one by ${supplier.probationEndsAt} the supplier is delisted`);
    // The decision names its audit as it is written (decisions are never updated).
    expect((await t.db.query(`SELECT audit_id FROM decisions WHERE id = $1`, [decision.id])).rows).toEqual([{ audit_id: audit.id }]);
    const events = (await t.http().get('/v1/events?limit=500').set(bearer(admin)).expect(200)).body.items;
    // Entering probation is supplier.probation, whatever caused it.
    const failed = events.find((e: { type: string; supplierId: string }) => e.type === 'supplier.probation' && e.supplierId === s.neg.id);
    expect(failed).toBeDefined();
    // Anonymity: nothing supplier-facing names the shopper.
    for (const text of [JSON.stringify(decision), JSON.stringify(failed)]) {
      expect(text).not.toContain(shoppers.paris);
      expect(text).not.toContain('shopper-paris');
    }
  });

  it('a declined or expired assignment returns its supplier to planning, never to the last auditor', async () => {
    const lyonAudit = (
      await t
        .http()
        .get('/v1/me/audits')
        .set(bearer(shopperToken('lyon')))
        .expect(200)
    ).body.items[0];
    await t
      .http()
      .post(`/v1/audits/${lyonAudit.id}/decline`)
      .set(bearer(shopperToken('lyon')))
      .expect(200);
    const parisOther = (
      await t
        .http()
        .get('/v1/me/audits')
        .set(bearer(shopperToken('paris')))
        .expect(200)
    ).body.items.find((x: { status: string }) => x.status === 'ASSIGNED');
    await t.db.query(`UPDATE audits SET due_at = now() - interval '1 hour' WHERE id = $1`, [parisOther.id]);
    expect(await t.app.get(AuditsService).expireOverdue()).toBe(1);
    const expired = (await t.http().get(`/v1/audits/${parisOther.id}`).set(bearer(admin)).expect(200)).body;
    expect(expired.status).toBe('EXPIRED');

    const targets = (await t.http().get(`/v1/audit-targets?category=hotel&asOf=${ASOF}`).set(bearer(admin)).expect(200)).body;
    expect(
      targets
        .filter((x: { openAudit: boolean }) => !x.openAudit)
        .map((x: { supplierId: string }) => x.supplierId)
        .sort(),
    ).toEqual([s.neg.id, s.burst.id, s.quiet.id].sort());
    const replan = await t.http().post('/v1/audits/plan').set(bearer(admin)).send({ category: 'hotel', asOf: ASOF }).expect(201);
    const neg = replan.body.items.find((a: { supplierId: string }) => a.supplierId === s.neg.id);
    // Paris audited it last and Lyon declared a conflict: nobody may take it.
    expect(neg).toBeUndefined();
    expect(replan.body.items.length).toBe(2);
  });

  it('manual assignment follows the same rules', async () => {
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expectProblem(
      await t.http().post('/v1/audits').set(bearer(admin)).send({ supplierId: s.applicant.id, shopperId: shoppers.tour, dueAt: due }),
      409,
    );
    expectProblem(
      await t.http().post('/v1/audits').set(bearer(admin)).send({ supplierId: s.neg.id, shopperId: shoppers.tour, dueAt: due }),
      409,
    );
    expectProblem(
      await t.http().post('/v1/audits').set(bearer(admin)).send({ supplierId: s.neg.id, shopperId: shoppers.lyon, dueAt: due }),
      409,
    );
    expectProblem(
      await t
        .http()
        .post('/v1/audits')
        .set(bearer(admin))
        .send({ supplierId: s.neg.id, shopperId: '00000000-0000-4000-8000-000000000000', dueAt: due }),
      404,
    );
    expectProblem(
      await t.http().post('/v1/audits').set(bearer(admin)).send({ supplierId: s.neg.id, shopperId: shoppers.paris, dueAt: 'soon' }),
      400,
    );
  });

  it('reports coverage against the 80% goal', async () => {
    const res = await t.http().get('/v1/audits/coverage?category=hotel').set(bearer(admin)).expect(200);
    expect(res.body).toEqual({ category: 'hotel', activeSuppliers: 3, audited: 1, coverage: 1 / 3, target: 0.8 });
    expectProblem(await t.http().get('/v1/audits/coverage').set(bearer(admin)), 400);
  });
});
