import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSupplier, expectProblem, finishedRun, publishPolicy, reviewSeries, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

interface Simulated {
  supplierId: string;
  name: string;
  status: string;
  currentTier: string | null;
  simulatedTier: string;
  rate: number | null;
  windowDays: number | null;
  decision: string | null;
  reason: string | null;
}

/** Simulations merge the draft onto the latest version (base CURRENT) or the defaults (DEFAULTS). */
describe('policy simulation: base, names, rates and reasons, changesOnly', () => {
  let t: TestApp;
  let admin: string;
  const s: Record<string, SupplierBody> = {};
  const AS_OF = '2026-03-01';

  async function simulate(category: string, body: Record<string, unknown>) {
    const res = await t
      .http()
      .post(`/v1/policies/${category}/simulate`)
      .set(bearer(admin))
      .send({ asOf: AS_OF, ...body });
    return res;
  }
  function bySupplier(items: Simulated[]): Map<string, Simulated> {
    return new Map(items.map((x) => [x.supplierId, x]));
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    // Version 1 of "car" is lenient: admission at 80%, penalty at 75%, 10 reviews decide.
    await publishPolicy(t, 'car', { admissionThreshold: 0.8, penaltyThreshold: 0.75, minReviews: 10 });
    s.alpha = await createSupplier(t, { externalRef: 'alpha', name: 'Alpha Cars', category: 'car' });
    s.beta = await createSupplier(t, { externalRef: 'beta', name: 'Beta Cars', category: 'car' });
    s.gamma = await createSupplier(t, { externalRef: 'gamma', name: 'Gamma Cars', category: 'car' });
    await t
      .http()
      .post('/v1/reviews/batch')
      .set(bearer(t.token('integration')))
      .send({
        reviews: [
          ...reviewSeries('alpha', 'jan', 20, 17, '2026-01-01', '2026-03-01'),
          ...reviewSeries('beta', 'jan', 3, 3, '2026-01-01', '2026-03-01'),
          ...reviewSeries('gamma', 'jan', 20, 20, '2026-01-01', '2026-03-01'),
        ],
      })
      .expect(200);
    // Alpha (85%) is admitted under version 1 and stored GOOD; Beta and Gamma are applicants never scored (tier null).
    const admitted = await t.http().post('/v1/admission-applications').set(bearer(admin)).send({ supplierId: s.alpha.id, asOf: AS_OF });
    expect(admitted.body).toMatchObject({ outcome: 'ADMITTED', evaluation: { tier: 'GOOD', rate: 0.85 } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('by default (base CURRENT) an empty draft is the latest version: Alpha stays GOOD with no decision', async () => {
    const res = await simulate('car', { policy: {} });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ asOf: AS_OF, base: 'CURRENT', baseVersion: 1 });
    const items = bySupplier(res.body.suppliers);
    expect(items.get(s.alpha.id)).toEqual({
      supplierId: s.alpha.id,
      name: 'Alpha Cars',
      status: 'ACTIVE',
      currentTier: 'GOOD',
      simulatedTier: 'GOOD',
      rate: 0.85,
      windowDays: 90,
      decision: null,
      reason: null,
      // No orders: below minOrders, the complaint rate is not applied.
      complaints: null,
    });
    expect(items.get(s.beta.id)).toMatchObject({
      name: 'Beta Cars',
      currentTier: null,
      simulatedTier: 'INSUFFICIENT_DATA',
      rate: null,
      decision: null,
      reason: null,
    });
    expect(items.get(s.gamma.id)).toMatchObject({
      name: 'Gamma Cars',
      status: 'APPLICANT',
      simulatedTier: 'EXCELLENT',
      rate: 1,
      decision: 'ADMIT',
    });
    expect(res.body.counts).toEqual({ byTier: { GOOD: 1, INSUFFICIENT_DATA: 1, EXCELLENT: 1 }, byDecision: { NONE: 2, ADMIT: 1 } });
  });

  it("base DEFAULTS takes PRODUCT.md's defaults for the omitted fields: Alpha falls to WATCH and would be warned", async () => {
    const res = await simulate('car', { policy: {}, base: 'DEFAULTS' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ base: 'DEFAULTS', baseVersion: null });
    expect(bySupplier(res.body.suppliers).get(s.alpha.id)).toMatchObject({
      name: 'Alpha Cars',
      currentTier: 'GOOD',
      simulatedTier: 'WATCH',
      rate: 0.85,
      decision: 'WARNING',
      reason: 'Rate 85.0% over the last 90 days (17/20 positive) fell below the admission bar of 90.0%; below 85.0% means probation.',
    });
  });

  it('with base CURRENT the draft keeps the latest values of the fields it omits; DEFAULTS does not', async () => {
    // Only the reward bar is drafted: on CURRENT, admission stays at 80% (Alpha GOOD); on DEFAULTS it is 90% (Alpha WATCH).
    const current = await simulate('car', { policy: { rewardThreshold: 0.99 }, base: 'CURRENT' });
    const defaults = await simulate('car', { policy: { rewardThreshold: 0.99 }, base: 'DEFAULTS' });
    expect(bySupplier(current.body.suppliers).get(s.alpha.id)?.simulatedTier).toBe('GOOD');
    expect(bySupplier(defaults.body.suppliers).get(s.alpha.id)?.simulatedTier).toBe('WATCH');
    // A draft consistent over the defaults can be inconsistent over the latest version, and is then 422 naming the field.
    const merged = expectProblem(await simulate('car', { policy: { penaltyThreshold: 0.82 } }), 422);
    expect(merged.errors).toEqual([{ field: 'policy.admissionThreshold', message: 'must be at least penaltyThreshold (0.82), got 0.8' }]);
    expect((await simulate('car', { policy: { penaltyThreshold: 0.82 }, base: 'DEFAULTS' })).status).toBe(200);
  });

  it("changesOnly lists a decision or a change of a stored tier, never an applicant's first tier alone", async () => {
    const res = await simulate('car', { policy: {}, changesOnly: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Beta gets its first tier (INSUFFICIENT_DATA) and no decision: not a change. Alpha is unchanged. Gamma would be admitted.
    expect(res.body.suppliers.map((x: Simulated) => x.supplierId)).toEqual([s.gamma.id]);
    expect(res.body.counts.byTier).toEqual({ GOOD: 1, INSUFFICIENT_DATA: 1, EXCELLENT: 1 });
    const defaults = await simulate('car', { policy: {}, base: 'DEFAULTS', changesOnly: true });
    expect(defaults.body.suppliers.map((x: Simulated) => x.supplierId).sort()).toEqual([s.alpha.id, s.gamma.id].sort());
  });

  it('an unknown base is 400 naming it', async () => {
    const problem = expectProblem(await simulate('car', { policy: {}, base: 'LATEST' }), 400);
    expect(problem.errors).toEqual([{ field: 'base', message: 'must be one of CURRENT, DEFAULTS' }]);
  });

  it('a category without a policy simulates over the defaults, base CURRENT or not, and says so', async () => {
    const res = await simulate('boat', { policy: { minReviews: 5 } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ asOf: AS_OF, base: 'DEFAULTS', baseVersion: null, counts: { byTier: {}, byDecision: {} }, suppliers: [] });
  });

  it('the reasons simulated are the texts the application and the run then record', async () => {
    const simulatedCurrent = bySupplier((await simulate('car', { policy: {} })).body.suppliers);
    const application = await t.http().post('/v1/admission-applications').set(bearer(admin)).send({ supplierId: s.gamma.id, asOf: AS_OF });
    expect(application.body.outcome).toBe('ADMITTED');
    expect(simulatedCurrent.get(s.gamma.id)?.reason).toBe(application.body.reason);

    const simulatedDefaults = bySupplier((await simulate('car', { policy: {}, base: 'DEFAULTS' })).body.suppliers);
    await publishPolicy(t, 'car'); // PUT {}: every field at its default, what base DEFAULTS simulated
    const started = await t
      .http()
      .post('/v1/scoring-runs')
      .set(bearer(t.token('integration')))
      .send({ asOf: AS_OF, category: 'car' })
      .expect(202);
    expect((await finishedRun(t, started.body.id)).status).toBe('SUCCEEDED');
    const decisions = (await t.http().get(`/v1/suppliers/${s.alpha.id}/decisions`).set(bearer(admin)).expect(200)).body.items;
    expect(decisions[0]).toMatchObject({ kind: 'WARNING', reason: simulatedDefaults.get(s.alpha.id)?.reason });
  });
});
