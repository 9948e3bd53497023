import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { addDays, todayUtc } from '../../src/common/time/dates.js';
import { createSupplier, finishedRun, forceStatus, publishPolicy, reviewSeries, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * "An audit outweighs the reviews it contradicts" (PRODUCT.md, Trust rules), told as issue 15
 * told it: a failed mystery-shopper audit puts a well-reviewed supplier on probation, and the next
 * nightly run must not reinstate it on the very reviews the audit contradicted.
 *
 * The story starts 40 days ago, so that every run is dated in the past: a manager accepts each
 * report with the process clock at that day (the audit decision is dated by it), while shoppers
 * are assigned, visit and report today.
 */
describe('an audit outweighs the reviews it contradicts', () => {
  let t: TestApp;
  /** The day the story starts. */
  const T = addDays(todayUtc(), -40);
  const s: Record<string, SupplierBody> = {};
  const shoppers: Record<string, string> = {};
  const admin = () => t.token('admin');
  const low = [
    { key: 'as_described', score: 1 },
    { key: 'safety', score: 0 },
    { key: 'service', score: 1 },
    { key: 'cleanliness', score: 1 },
  ];
  const high = low.map((c) => ({ ...c, score: 5 }));

  /** Runs `fn` with the process clock at noon UTC of `date`. */
  async function on<R>(date: string, fn: () => Promise<R>): Promise<R> {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${date}T12:00:00Z`) });
    try {
      return await fn();
    } finally {
      vi.useRealTimers();
    }
  }
  async function push(items: unknown[]) {
    const res = await t
      .http()
      .post('/v1/reviews/batch')
      .set(bearer(t.token('integration')))
      .send({ reviews: items })
      .expect(200);
    expect(res.body.rejected).toEqual([]);
  }
  async function run(asOf: string) {
    const started = await t
      .http()
      .post('/v1/scoring-runs')
      .set(bearer(t.token('integration')))
      .send({ asOf, category: 'hotel' })
      .expect(202);
    const finished = await finishedRun(t, started.body.id);
    expect(finished.status, JSON.stringify(finished)).toBe('SUCCEEDED');
    return finished as { counts: { decisions: Record<string, number> } };
  }
  async function supplier(name: string) {
    return (await t.http().get(`/v1/suppliers/${s[name].id}`).set(bearer(admin())).expect(200)).body;
  }
  async function latestDecision(name: string) {
    return (await t.http().get(`/v1/suppliers/${s[name].id}/decisions`).set(bearer(admin())).expect(200)).body.items[0];
  }
  async function eventsOf(name: string): Promise<string[]> {
    const items = (await t.http().get('/v1/events?limit=500').set(bearer(admin())).expect(200)).body.items as Array<{
      type: string;
      supplierId: string;
    }>;
    return items.filter((e) => e.supplierId === s[name].id).map((e) => e.type);
  }
  async function targets() {
    return (await t.http().get(`/v1/audit-targets?category=hotel&asOf=${T}`).set(bearer(admin())).expect(200)).body as Array<{
      supplierId: string;
      reasons: string[];
      priority: number;
    }>;
  }
  /** A shopper visits and reports (score from the checklist), and a manager accepts the report. */
  async function audit(name: string, shopper: string, checklist: typeof low, auditId?: string) {
    const token = t.token('mystery_shopper', { sub: `shopper-${shopper}`, shopperId: shoppers[shopper] });
    const id =
      auditId ??
      (
        await t
          .http()
          .post('/v1/audits')
          .set(bearer(admin()))
          .send({ supplierId: s[name].id, shopperId: shoppers[shopper], dueAt: `${addDays(todayUtc(), 7)}T23:59:59Z` })
          .expect(201)
      ).body.id;
    await t.http().post(`/v1/audits/${id}/accept`).set(bearer(token)).expect(200);
    await t
      .http()
      .post(`/v1/audits/${id}/report`)
      .set(bearer(token))
      .send({
        visitedAt: new Date().toISOString(),
        checklist,
        verdict: checklist === low ? 'CONTRADICTS_REVIEWS' : 'CONFIRMS_REVIEWS',
        summary: checklist === low ? 'The rooms are not as the reviews describe them.' : 'As described.',
      })
      .expect(200);
    return on(
      T,
      async () =>
        (await t.http().post(`/v1/audits/${id}/review`).set(bearer(admin())).send({ accept: true, note: 'Photos match' }).expect(200)).body,
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'hotel');
    for (const name of ['praised', 'expiring', 'slumping']) s[name] = await createSupplier(t, { externalRef: name, category: 'hotel' });
    for (const name of ['first', 'second']) {
      shoppers[name] = (
        await t
          .http()
          .post('/v1/shoppers')
          .set(bearer(admin()))
          .send({ displayName: name, categories: ['hotel'], maxOpenAudits: 5 })
          .expect(201)
      ).body.id;
    }
    await push([
      // Admitted GOOD on 18 of 20 a few months ago; every review since is positive.
      ...reviewSeries('praised', 'old', 20, 18, addDays(T, -150), addDays(T, -100)),
      ...reviewSeries('praised', 'new', 40, 40, addDays(T, -60), T),
      ...reviewSeries('expiring', 'new', 40, 40, addDays(T, -60), T),
      // 15 of 20 positive: POOR (a penalty) with a negative rate of 25% (an audit target).
      ...reviewSeries('slumping', 'new', 20, 15, addDays(T, -60), T),
    ]);
    const admission = await t
      .http()
      .post('/v1/admission-applications')
      .set(bearer(admin()))
      .send({ supplierId: s.praised.id, asOf: addDays(T, -95) })
      .expect(201);
    expect(admission.body).toMatchObject({ outcome: 'ADMITTED', evaluation: { tier: 'GOOD' } });
    await forceStatus(t, s.expiring.id, 'ACTIVE');
    await forceStatus(t, s.slumping.id, 'ACTIVE');
  });
  afterAll(async () => {
    await t.close();
  });

  it('a failed audit puts an ACTIVE supplier on probation, announced as supplier.probation; the failure stands on the supplier', async () => {
    // (3·1 + 3·0 + 2·1 + 2·1) / 10 / 5 · 100 = 14: the audit.
    const reviewed = await audit('praised', 'first', low);
    expect(reviewed).toMatchObject({ status: 'ACCEPTED_REPORT', score: 14 });
    expect(await supplier('praised')).toMatchObject({
      status: 'PROBATION',
      probationEndsAt: addDays(T, 30),
      auditFailedOn: T,
      tier: 'GOOD',
    });
    const decision = await latestDecision('praised');
    expect(decision).toMatchObject({
      kind: 'AUDIT_FAILED',
      fromStatus: 'ACTIVE',
      toStatus: 'PROBATION',
      asOf: T,
      evidence: { score: 14, passScore: 60, verdict: 'CONTRADICTS_REVIEWS' },
    });
    expect(decision.nextStep).toContain('Only a passing re-audit reinstates');
    expect(await eventsOf('praised')).toEqual(['supplier.admitted', 'supplier.probation']);

    await audit('expiring', 'first', low);
    expect(await supplier('expiring')).toMatchObject({ status: 'PROBATION', auditFailedOn: T });
  });

  it('the next run neither reinstates nor rewards on the reviews the audit contradicted; the tier follows the reviews', async () => {
    const result = await run(T);
    // Only the slumping supplier's penalty: both audited suppliers are EXCELLENT by their reviews.
    expect(result.counts.decisions).toEqual({ REWARD: 0, WARNING: 0, PENALTY: 1, REINSTATE: 0, DELIST: 0 });
    expect(await supplier('praised')).toMatchObject({ status: 'PROBATION', tier: 'EXCELLENT', probationEndsAt: addDays(T, 30) });
    expect(await supplier('expiring')).toMatchObject({ status: 'PROBATION', tier: 'EXCELLENT' });
    expect((await latestDecision('praised')).kind).toBe('AUDIT_FAILED');
    expect(await supplier('slumping')).toMatchObject({ status: 'PROBATION', tier: 'POOR', auditFailedOn: null });
  });

  it('a failed audit of a supplier already on probation keeps its end date, announced as supplier.audit_failed', async () => {
    const before = await supplier('slumping');
    await audit('slumping', 'first', low);
    expect(await supplier('slumping')).toMatchObject({ status: 'PROBATION', probationEndsAt: before.probationEndsAt, auditFailedOn: T });
    expect(await latestDecision('slumping')).toMatchObject({ kind: 'AUDIT_FAILED', fromStatus: 'PROBATION', toStatus: 'PROBATION' });
    expect(await eventsOf('slumping')).toEqual(['supplier.probation', 'supplier.audit_failed']);
  });

  it('re-audit targets rank above every other target, and planning serves them first, never by their last auditor', async () => {
    // A passing re-audit makes the slumping supplier a plain NEGATIVE_RATE target again (and, as a
    // failure stood, reinstates it: its reviews will put it back on probation at the next run).
    await audit('slumping', 'second', high);
    expect(await supplier('slumping')).toMatchObject({ status: 'ACTIVE', auditFailedOn: null });
    const ranked = await targets();
    expect(
      ranked
        .map((x) => x.supplierId)
        .slice(0, 2)
        .sort(),
    ).toEqual([s.praised.id, s.expiring.id].sort());
    expect(ranked[0]).toMatchObject({ reasons: ['REAUDIT'] });
    expect(ranked[1]).toMatchObject({ reasons: ['REAUDIT'] });
    const slumping = ranked.find((x) => x.supplierId === s.slumping.id)!;
    expect(slumping.reasons).toEqual(['NEGATIVE_RATE']);
    expect(ranked[1].priority).toBeGreaterThan(slumping.priority);

    // Room for two: the two re-audits, by the shopper who did not audit them last.
    const plan = await t.http().post('/v1/audits/plan').set(bearer(admin())).send({ category: 'hotel', asOf: T, limit: 2 }).expect(201);
    expect(plan.body.items.map((a: { supplierId: string }) => a.supplierId).sort(), JSON.stringify(plan.body.items)).toEqual(
      [s.praised.id, s.expiring.id].sort(),
    );
    for (const a of plan.body.items) expect(a).toMatchObject({ shopperId: shoppers.second, reasons: ['REAUDIT'] });
  });

  it('a passing re-audit reinstates: AUDIT_PASSED from PROBATION to ACTIVE, announced as supplier.reinstated', async () => {
    const assigned = (await t.http().get(`/v1/audits?supplierId=${s.praised.id}&status=ASSIGNED`).set(bearer(admin())).expect(200)).body
      .items[0];
    await audit('praised', 'second', high, assigned.id);
    expect(await supplier('praised')).toMatchObject({ status: 'ACTIVE', probationEndsAt: null, auditFailedOn: null });
    const decision = await latestDecision('praised');
    expect(decision).toMatchObject({ kind: 'AUDIT_PASSED', fromStatus: 'PROBATION', toStatus: 'ACTIVE', evidence: { score: 100 } });
    expect(decision.reason).toContain(`outweighing the failed audit of ${T}: reinstated`);
    expect(await eventsOf('praised')).toEqual(['supplier.admitted', 'supplier.probation', 'supplier.reinstated']);
    expect((await targets()).find((x) => x.supplierId === s.praised.id)).toBeUndefined();
  });

  it('after the re-audit, runs apply the review rules again: a penalty, then a reinstatement on reviews', async () => {
    await push(reviewSeries('praised', 'bad', 15, 0, T, addDays(T, 1)));
    // 40 of 55 positive: POOR. (The slumping supplier is penalised again too.)
    expect((await run(addDays(T, 1))).counts.decisions).toMatchObject({ PENALTY: 2, REINSTATE: 0 });
    expect(await supplier('praised')).toMatchObject({ status: 'PROBATION', probationEndsAt: addDays(T, 31) });
    await push(reviewSeries('praised', 'good', 200, 200, addDays(T, 1), addDays(T, 2)));
    // 240 of 255 positive: 94.1%, above the reinstatement bar of 92%.
    expect((await run(addDays(T, 2))).counts.decisions).toMatchObject({ REINSTATE: 1 });
    expect(await supplier('praised')).toMatchObject({ status: 'ACTIVE', probationEndsAt: null });
    expect(await latestDecision('praised')).toMatchObject({ kind: 'REINSTATE', fromStatus: 'PROBATION', toStatus: 'ACTIVE' });
    // Meanwhile the supplier whose failure stands stays on probation, however good its reviews.
    expect(await supplier('expiring')).toMatchObject({ status: 'PROBATION', tier: 'EXCELLENT', auditFailedOn: T });
  });

  it('a probation that runs out while the audit failure stands ends in delisting, whatever the reviews say', async () => {
    await run(addDays(T, 29));
    expect(await supplier('expiring')).toMatchObject({ status: 'PROBATION' });
    await run(addDays(T, 30));
    expect(await supplier('expiring')).toMatchObject({ status: 'DELISTED', tier: 'EXCELLENT' });
    const decision = await latestDecision('expiring');
    expect(decision).toMatchObject({ kind: 'DELIST', fromStatus: 'PROBATION', toStatus: 'DELISTED', asOf: addDays(T, 30) });
    expect(decision.reason).toContain(
      `Probation ended on ${addDays(T, 30)} without a passing re-audit: the failed audit of ${T} still stands`,
    );
    expect(await eventsOf('expiring')).toEqual(['supplier.probation', 'supplier.delisted']);
  });
});
