import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DecisionsService } from '../../src/decisions/decisions.service.js';
import { createSupplier, expectProblem, finishedRun, publishPolicy, reviewSeries, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

describe('governance: admission, scoring runs, sanctions, simulation, overrides', () => {
  let t: TestApp;
  let admin: string;
  const s: Record<string, SupplierBody> = {};

  async function push(items: unknown[]) {
    const res = await t
      .http()
      .post('/v1/reviews/batch')
      .set(bearer(t.token('integration')))
      .send({ reviews: items })
      .expect(200);
    expect(res.body.rejected).toEqual([]);
  }
  async function apply(name: string, asOf: string) {
    return t.http().post('/v1/admission-applications').set(bearer(admin)).send({ supplierId: s[name].id, asOf });
  }
  async function run(asOf: string) {
    const started = await t
      .http()
      .post('/v1/scoring-runs')
      .set(bearer(t.token('integration')))
      .send({ asOf })
      .expect(202);
    expect(started.body).toMatchObject({ status: 'RUNNING', asOf });
    return finishedRun(t, started.body.id);
  }
  async function supplier(name: string) {
    return (await t.http().get(`/v1/suppliers/${s[name].id}`).set(bearer(admin)).expect(200)).body;
  }
  async function decisions(name: string) {
    return (await t.http().get(`/v1/suppliers/${s[name].id}/decisions`).set(bearer(admin)).expect(200)).body.items as Array<
      Record<string, unknown>
    >;
  }
  async function fingerprint() {
    const { rows } = await t.db.query(`
      SELECT (SELECT md5(string_agg(s::text, ',' ORDER BY id)) FROM suppliers s) AS suppliers,
             (SELECT count(*) FROM decisions) AS decisions,
             (SELECT count(*) FROM score_snapshots) AS snapshots,
             (SELECT count(*) FROM scoring_runs) AS runs,
             (SELECT count(*) FROM admission_applications) AS applications,
             (SELECT count(*) FROM policies) AS policies`);
    return rows[0];
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'tour');
    for (const name of ['excellent', 'thin', 'poor', 'R', 'W', 'P', 'P2', 'D', 'S'])
      s[name] = await createSupplier(t, { externalRef: name, category: 'tour' });
    await push([
      ...reviewSeries('excellent', 'jan', 40, 40, '2026-01-01', '2026-03-01'),
      ...reviewSeries('thin', 'jan', 5, 5, '2026-01-01', '2026-03-01'),
      ...reviewSeries('poor', 'jan', 30, 20, '2026-01-01', '2026-03-01'),
      ...['R', 'W', 'P', 'P2', 'D', 'S'].flatMap((ref) => reviewSeries(ref, 'feb', 20, 18, '2026-02-01', '2026-03-01')),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('admission: excellent and borderline are admitted, thin data waits for evidence, poor is rejected', async () => {
    const excellent = await apply('excellent', '2026-03-01');
    expect(excellent.status).toBe(201);
    expect(excellent.body).toMatchObject({
      outcome: 'ADMITTED',
      effectiveOutcome: 'ADMITTED',
      evaluation: { windowDays: 90, n: 40, positives: 40, rate: 1, tier: 'EXCELLENT' },
    });
    for (const name of ['R', 'W', 'P', 'P2', 'D', 'S']) {
      const res = await apply(name, '2026-03-01');
      expect(res.body).toMatchObject({ outcome: 'ADMITTED', evaluation: { n: 20, positives: 18, rate: 0.9, tier: 'GOOD' } });
    }
    const thin = await apply('thin', '2026-03-01');
    expect(thin.body).toMatchObject({ outcome: 'PENDING_EVIDENCE', evaluation: { windowDays: null, tier: 'INSUFFICIENT_DATA' } });
    // A pending applicant makes no decision; the application says what reaches admission.
    expect(thin.body.nextStep).toBe(
      'Needs at least 20 reviews in the last 365 days (has 5) to be rated; admission then needs a rate of at least 90.0%.',
    );
    expect(await supplier('thin')).toMatchObject({ status: 'APPLICANT', tier: 'INSUFFICIENT_DATA' });
    const poor = await apply('poor', '2026-03-01');
    expect(poor.body).toMatchObject({ outcome: 'REJECTED', evaluation: { n: 30, positives: 20, tier: 'POOR' } });
    expect(poor.body.reason).toBe('Rate 66.7% over the last 90 days (20/30 positive) is below the admission bar of 90.0%.');

    expect(await supplier('R')).toMatchObject({ status: 'ACTIVE', tier: 'GOOD' });
    expect(await supplier('poor')).toMatchObject({ status: 'REJECTED', tier: 'POOR' });
    const [admit] = await decisions('excellent');
    expect(admit).toMatchObject({
      kind: 'ADMIT',
      fromStatus: 'APPLICANT',
      toStatus: 'ACTIVE',
      asOf: '2026-03-01',
      policyVersion: 1,
      actor: 'test-admin',
    });
    expect(admit.evidence).toMatchObject({
      windowDays: 90,
      n: 40,
      positives: 40,
      rawRate: 1,
      rate: 1,
      rateMethod: 'RAW',
      thresholds: { admission: 0.9 },
    });
    const [reject] = await decisions('poor');
    expect(reject).toMatchObject({ kind: 'REJECT', toStatus: 'REJECTED' });
    // The bar that matters to a rejected applicant is admission (not WATCH, still a rejection): (20 + k) / (30 + k) >= 0.9 → k = 70.
    expect(reject.nextStep).toBe(
      'May apply again from 2026-05-30; admission will need a rate of at least 90.0% in the 90-day window: ' +
        '70 more positive reviews with no new negative one (now 20/30 = 66.7%).',
    );
    expect(poor.body.nextStep).toBe(reject.nextStep);
    expect(excellent.body.nextStep).toBe('Keep the positive rate at or above 95.0% to stay EXCELLENT (now 100.0%).');
  });

  it('a rejected supplier applying within the cooldown is refused with 409 naming the date it ends', async () => {
    const res = await apply('poor', '2026-04-01');
    const problem = expectProblem(res, 409);
    expect(problem.detail).toContain('2026-05-30');
    const active = await apply('R', '2026-04-01');
    expect(expectProblem(active, 409).detail).toContain('ACTIVE');
  });

  it('a suspended supplier is left alone by runs', async () => {
    await t
      .http()
      .post(`/v1/suppliers/${s.S.id}/status`)
      .set(bearer(admin))
      .send({ status: 'SUSPENDED', reason: 'Licence under review' })
      .expect(200);
  });

  it('a run rewards, warns, penalises into probation and delists at once below the delisting bar', async () => {
    await push([
      ...reviewSeries('R', 'mar', 20, 20, '2026-03-01', '2026-04-01'),
      ...reviewSeries('W', 'mar', 20, 17, '2026-03-01', '2026-04-01'),
      ...reviewSeries('P', 'mar', 20, 14, '2026-03-01', '2026-04-01'),
      ...reviewSeries('P2', 'mar', 20, 14, '2026-03-01', '2026-04-01'),
      ...reviewSeries('D', 'mar', 20, 6, '2026-03-01', '2026-04-01'),
      ...reviewSeries('S', 'mar', 20, 0, '2026-03-01', '2026-04-01'),
    ]);
    const result = await run('2026-04-01');
    expect(result).toMatchObject({
      status: 'SUCCEEDED',
      asOf: '2026-04-01',
      trigger: 'MANUAL',
      progress: { processed: 8, total: 8 },
      counts: { scored: 8, decisions: { REWARD: 1, WARNING: 1, PENALTY: 2, REINSTATE: 0, DELIST: 1 } },
      error: null,
    });
    expect(await supplier('R')).toMatchObject({ status: 'ACTIVE', tier: 'EXCELLENT' });
    expect(await supplier('W')).toMatchObject({ status: 'ACTIVE', tier: 'WATCH' });
    expect(await supplier('P')).toMatchObject({ status: 'PROBATION', tier: 'POOR', probationEndsAt: '2026-05-01' });
    expect(await supplier('D')).toMatchObject({ status: 'DELISTED', tier: 'POOR' });
    expect(await supplier('S')).toMatchObject({ status: 'SUSPENDED', tier: 'GOOD' });
    expect(await supplier('excellent')).toMatchObject({ status: 'ACTIVE', tier: 'EXCELLENT' });

    const [reward] = await decisions('R');
    expect(reward).toMatchObject({
      kind: 'REWARD',
      fromStatus: 'ACTIVE',
      toStatus: 'ACTIVE',
      asOf: '2026-04-01',
      actor: 'job:scoring-run',
    });
    expect(reward.evidence).toMatchObject({ windowDays: 90, n: 40, positives: 38, rate: 0.95 });
    const [penalty] = await decisions('P');
    expect(penalty).toMatchObject({ kind: 'PENALTY', fromStatus: 'ACTIVE', toStatus: 'PROBATION' });
    expect(penalty.reason).toBe(
      'Rate 80.0% over the last 90 days (32/40 positive) is below the penalty bar of 85.0%: on probation until 2026-05-01.',
    );
    // (32 + k) / (40 + k) >= 0.92 → k = 60.
    expect(penalty.nextStep).toBe(
      'To reach reinstatement (92.0%) in the 90-day window: 60 more positive reviews with no new negative one (now 32/40 = 80.0%). ' +
        'Probation ends on 2026-05-01: not reinstated by then, the supplier is delisted.',
    );
    const [warning] = await decisions('W');
    expect(warning).toMatchObject({ kind: 'WARNING' });
    // What clears the warning: (35 + k) / (40 + k) >= 0.9 → k = 10.
    expect(warning.nextStep).toBe(
      'To reach GOOD (90.0%) in the 90-day window: 10 more positive reviews with no new negative one (now 35/40 = 87.5%).',
    );
    const [delist] = await decisions('D');
    expect(delist).toMatchObject({ kind: 'DELIST', fromStatus: 'ACTIVE', toStatus: 'DELISTED' });
    // (24 + k) / (40 + k) >= 0.9 → k = 120.
    expect(delist.nextStep).toBe(
      'May apply again from 2026-06-30; admission will need a rate of at least 90.0% in the 90-day window: ' +
        '120 more positive reviews with no new negative one (now 24/40 = 60.0%).',
    );
    const suspended = await decisions('S');
    expect(suspended.map((d) => d.kind)).toEqual(['OVERRIDE', 'ADMIT']);
    expect(suspended[0].nextStep).toBe(
      'Suspended by a manager: scoring runs leave the supplier as it is until a manager lifts the suspension.',
    );

    // A snapshot per supplier for the date, with the evaluation's numbers exactly.
    const { rows: snaps } = await t.db.query(
      `SELECT x.external_ref, s.window_days, s.n, s.positives, s.raw_rate, s.wilson_lower, s.rate, s.tier
         FROM score_snapshots s JOIN suppliers x ON x.id = s.supplier_id WHERE s.as_of = '2026-04-01'`,
    );
    expect(snaps).toHaveLength(8);
    const snap = Object.fromEntries(snaps.map((r) => [r.external_ref, r]));
    expect(snap.R).toMatchObject({ window_days: 90, n: 40, positives: 38, raw_rate: 0.95, rate: 0.95, tier: 'EXCELLENT' });
    expect(snap.R.wilson_lower).toBeCloseTo(0.835, 3);
    expect(snap.W).toMatchObject({ n: 40, positives: 35, raw_rate: 35 / 40, rate: 35 / 40, tier: 'WATCH' });
    // Too few reviews in any evaluation window: no window, no rate, the longest window's numbers.
    expect(snap.thin).toMatchObject({ window_days: null, n: 5, positives: 5, raw_rate: 1, rate: null, tier: 'INSUFFICIENT_DATA' });
    expect(snap.thin.wilson_lower).toBeCloseTo(0.5655, 3);
  });

  it("a run's decisions keep their evidence by reference: none stored, the same object served from the run's snapshot and policy", async () => {
    const [reward] = await decisions('R');
    const [penalty] = await decisions('P');
    const stored = await t.db.query(`SELECT id, evidence FROM decisions WHERE id = ANY($1::uuid[]) ORDER BY id`, [
      [reward.id, penalty.id].sort(),
    ]);
    expect(stored.rows.map((r) => r.evidence)).toEqual([null, null]);
    const snapshot = await t.db.query(`SELECT wilson_lower FROM score_snapshots WHERE supplier_id = $1 AND as_of = '2026-04-01'`, [s.R.id]);
    const thresholds = { reward: 0.95, admission: 0.9, penalty: 0.85, delist: 0.7, reinstate: 0.9 + 0.02 };
    expect(reward.evidence).toEqual({
      windowDays: 90,
      n: 40,
      positives: 38,
      rawRate: 0.95,
      wilsonLower: snapshot.rows[0].wilson_lower,
      rate: 0.95,
      rateMethod: 'RAW',
      tier: 'EXCELLENT',
      thresholds,
      minReviews: 20,
      positiveMinRating: 4,
    });
    expect(penalty.evidence).toMatchObject({ windowDays: 90, n: 40, positives: 32, rate: 0.8, tier: 'POOR', thresholds });
    // The event feed (and so every webhook) serves the same evidence.
    const events = (await t.http().get('/v1/events?limit=500').set(bearer(admin)).expect(200)).body.items as Array<{
      decision: { id: string; evidence: unknown };
    }>;
    expect(events.find((e) => e.decision.id === penalty.id)?.decision.evidence).toEqual(penalty.evidence);
    // What the reference points at never changes: snapshots and policy versions, like decisions, refuse it, and so does a supplier's category.
    await expect(t.db.query(`UPDATE score_snapshots SET n = 41 WHERE supplier_id = $1`, [s.R.id])).rejects.toThrow(
      /score_snapshots rows are never changed once written.*UPDATE refused/,
    );
    await expect(t.db.query(`DELETE FROM score_snapshots WHERE supplier_id = $1`, [s.R.id])).rejects.toThrow(/DELETE refused/);
    await expect(t.db.query(`UPDATE policies SET reward_threshold = 0.5 WHERE category = 'tour'`)).rejects.toThrow(
      /policies rows are never changed once written.*UPDATE refused/,
    );
    await expect(t.db.query(`DELETE FROM policies WHERE category = 'tour'`)).rejects.toThrow(/DELETE refused/);
    await expect(t.db.query(`UPDATE suppliers SET category = 'hotel' WHERE id = $1`, [s.R.id])).rejects.toThrow(/category never changes/);
    await t.db.query(`UPDATE suppliers SET category = 'tour', name = name WHERE id = $1`, [s.R.id]); // unchanged: allowed
    expect((await decisions('R'))[0].evidence).toEqual(reward.evidence);
  });

  it('the decision_log view shows every decision with the evidence the API serves', async () => {
    const served = new Map<string, unknown>();
    for (const name of Object.keys(s)) for (const d of await decisions(name)) served.set(d.id as string, d.evidence);
    const { rows } = await t.db.query(`SELECT id, evidence, run_id FROM decision_log`);
    expect(rows).toHaveLength(Number((await t.db.query(`SELECT count(*) FROM decisions`)).rows[0].count));
    expect(rows.filter((r) => r.run_id !== null).length).toBeGreaterThan(0);
    for (const r of rows) if (served.has(r.id)) expect(r.evidence).toEqual(served.get(r.id));
    expect(rows.filter((r) => served.has(r.id)).length).toBe(served.size);
  });

  it('simulate shows what a draft would do and writes nothing', async () => {
    const before = await fingerprint();
    const res = await t
      .http()
      .post('/v1/policies/tour/simulate')
      .set(bearer(admin))
      .send({ asOf: '2026-04-01', policy: { penaltyThreshold: 0.87, admissionThreshold: 0.87 } })
      .expect(200);
    expect(res.body.asOf).toBe('2026-04-01');
    const bySupplier = new Map(res.body.suppliers.map((x: { supplierId: string }) => [x.supplierId, x]));
    expect(bySupplier.get(s.W.id)).toMatchObject({ currentTier: 'WATCH', simulatedTier: 'GOOD', decision: null });
    expect(bySupplier.get(s.P.id)).toMatchObject({ status: 'PROBATION', simulatedTier: 'POOR', decision: null });
    expect(bySupplier.get(s.thin.id)).toMatchObject({ status: 'APPLICANT', simulatedTier: 'INSUFFICIENT_DATA', decision: null });
    expect(bySupplier.has(s.D.id)).toBe(false);
    expect(res.body.counts.byTier).toMatchObject({ EXCELLENT: 2 });
    expect(await fingerprint()).toEqual(before);

    // changesOnly: the same counts, and only the suppliers with a new tier or a decision.
    const changes = await t
      .http()
      .post('/v1/policies/tour/simulate')
      .set(bearer(admin))
      .send({ asOf: '2026-04-01', policy: { penaltyThreshold: 0.87, admissionThreshold: 0.87 }, changesOnly: true })
      .expect(200);
    expect(changes.body.counts).toEqual(res.body.counts);
    type Item = { supplierId: string; currentTier: string | null; simulatedTier: string; decision: string | null };
    const changed = (res.body.suppliers as Item[]).filter(
      (x) => x.decision !== null || (x.currentTier !== null && x.simulatedTier !== x.currentTier),
    );
    expect(changed.length).toBeLessThan(res.body.suppliers.length);
    expect(changes.body.suppliers).toEqual(changed);
    expect(changes.body.suppliers.map((x: Item) => x.supplierId)).toContain(s.W.id);
    expect(changes.body.suppliers.map((x: Item) => x.supplierId)).not.toContain(s.P.id);
    const notBoolean = expectProblem(
      await t.http().post('/v1/policies/tour/simulate').set(bearer(admin)).send({ policy: {}, changesOnly: 'yes' }),
      400,
    );
    expect(notBoolean.errors?.[0].field).toBe('changesOnly');

    const invalid = await t
      .http()
      .post('/v1/policies/tour/simulate')
      .set(bearer(admin))
      .send({ policy: { penaltyThreshold: 0.95 } });
    expectProblem(invalid, 422);
    expectProblem(
      await t
        .http()
        .post('/v1/policies/tour/simulate')
        .set(bearer(admin))
        .send({ policy: { penaltyThreshold: 'high' } }),
      400,
    );
    expect(await fingerprint()).toEqual(before);
  });

  it('a later run reinstates the recovered supplier and delists the one whose probation ended', async () => {
    await push(reviewSeries('P', 'apr', 70, 70, '2026-04-01', '2026-05-01'));
    const result = await run('2026-05-02');
    expect(result.counts.decisions).toEqual({ REWARD: 0, WARNING: 0, PENALTY: 0, REINSTATE: 1, DELIST: 1 });
    expect(await supplier('P')).toMatchObject({ status: 'ACTIVE', probationEndsAt: null });
    expect(await supplier('P2')).toMatchObject({ status: 'DELISTED' });
    const [reinstate] = await decisions('P');
    expect(reinstate).toMatchObject({ kind: 'REINSTATE', fromStatus: 'PROBATION', toStatus: 'ACTIVE' });
    const [expired] = await decisions('P2');
    expect(expired).toMatchObject({ kind: 'DELIST', fromStatus: 'PROBATION', toStatus: 'DELISTED', asOf: '2026-05-02' });
    expect(expired.reason).toContain('Probation ended on 2026-05-01 without recovery');
  });

  it('re-running the same as-of date adds nothing', async () => {
    const before = await fingerprint();
    const again = await run('2026-05-02');
    expect(again).toMatchObject({
      status: 'SUCCEEDED',
      counts: { scored: 0, decisions: { REWARD: 0, WARNING: 0, PENALTY: 0, REINSTATE: 0, DELIST: 0 } },
    });
    const after = await fingerprint();
    expect({ ...after, runs: before.runs }).toEqual(before);
    expect(Number(after.runs)).toBe(Number(before.runs) + 1);
  });

  it('automated decisions are unique per supplier, kind and date even if written twice', async () => {
    const { rows } = await t.db.query(
      `SELECT supplier_id, kind, as_of, actor, reason, from_status, to_status FROM decisions WHERE kind = 'REINSTATE' LIMIT 1`,
    );
    await expect(
      t.db.query(
        `INSERT INTO decisions (supplier_id, kind, as_of, actor, reason, from_status, to_status) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        Object.values(rows[0]),
      ),
    ).rejects.toThrow(/duplicate key/);
  });

  it('appending a batch that repeats an automated decision writes and announces only the new ones, in order', async () => {
    const { rows } = await t.db.query(
      `SELECT supplier_id AS "supplierId", kind, from_status AS "fromStatus", to_status AS "toStatus", to_char(as_of, 'YYYY-MM-DD') AS "asOf"
         FROM decisions WHERE kind = 'DELIST' AND actor LIKE 'job:%' LIMIT 1`,
    );
    const base = { policyVersion: 1, evidence: { note: 'test' }, reason: 'Written twice', nextStep: null, actor: 'job:scoring-run' };
    const repeated = { ...rows[0], ...base };
    const fresh = [
      { ...repeated, kind: 'PENALTY' as const, fromStatus: 'ACTIVE' as const, toStatus: 'PROBATION' as const, asOf: '2030-01-01' },
      { ...repeated, kind: 'WARNING' as const, fromStatus: 'ACTIVE' as const, toStatus: 'ACTIVE' as const, asOf: '2030-01-02' },
    ];
    const before = Number((await t.db.query(`SELECT count(*) FROM events`)).rows[0].count);
    const written = await t.app
      .get(DataSource)
      .transaction((manager) => t.app.get(DecisionsService).appendMany(manager, [fresh[0], repeated, fresh[1]]));
    expect(written.map((d) => d.kind)).toEqual(['PENALTY', 'WARNING']);
    const stored = await t.db.query(`SELECT id, kind FROM decisions WHERE id = ANY($1::uuid[]) ORDER BY seq`, [written.map((d) => d.id)]);
    expect(stored.rows).toEqual(written.map((d) => ({ id: d.id, kind: d.kind })));
    // Only the status change has an event; the skipped repeat has none.
    const events = await t.db.query(`SELECT decision_id FROM events ORDER BY id DESC LIMIT 1`);
    expect(Number((await t.db.query(`SELECT count(*) FROM events`)).rows[0].count)).toBe(before + 1);
    expect(events.rows[0].decision_id).toBe(written[0].id);
  });

  it('decisions are append-only: the database refuses to change or remove one, whoever asks', async () => {
    const { rows } = await t.db.query(`SELECT id, reason FROM decisions ORDER BY seq LIMIT 1`);
    await expect(t.db.query(`UPDATE decisions SET reason = 'rewritten' WHERE id = $1`, [rows[0].id])).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(t.db.query(`DELETE FROM decisions WHERE id = $1`, [rows[0].id])).rejects.toThrow(/append-only: DELETE/);
    expect((await t.db.query(`SELECT reason FROM decisions WHERE id = $1`, [rows[0].id])).rows).toEqual([{ reason: rows[0].reason }]);
  });

  it('overrides need a reason and are recorded as OVERRIDE decisions', async () => {
    const list = await t.http().get(`/v1/admission-applications?supplierId=${s.poor.id}`).set(bearer(admin)).expect(200);
    expect(list.body.items).toHaveLength(1);
    const applicationId = list.body.items[0].id;
    expect(
      expectProblem(
        await t.http().post(`/v1/admission-applications/${applicationId}/override`).set(bearer(admin)).send({ outcome: 'ADMITTED' }),
        400,
      ).errors?.[0].field,
    ).toBe('reason');
    expect(await supplier('poor')).toMatchObject({ status: 'REJECTED' });

    const manager = t.token('category_manager', { sub: 'lee', categories: ['tour'] });
    const res = await t
      .http()
      .post(`/v1/admission-applications/${applicationId}/override`)
      .set(bearer(manager))
      .send({ outcome: 'ADMITTED', reason: 'Reviews predate the new owner' })
      .expect(200);
    expect(res.body).toMatchObject({
      outcome: 'REJECTED',
      effectiveOutcome: 'ADMITTED',
      override: { outcome: 'ADMITTED', reason: 'Reviews predate the new owner', by: 'lee' },
    });
    expect(await supplier('poor')).toMatchObject({ status: 'ACTIVE' });
    const [override] = await decisions('poor');
    expect(override).toMatchObject({
      kind: 'OVERRIDE',
      fromStatus: 'REJECTED',
      toStatus: 'ACTIVE',
      reason: 'Reviews predate the new owner',
      actor: 'lee',
    });
    expectProblem(
      await t
        .http()
        .post(`/v1/admission-applications/${applicationId}/override`)
        .set(bearer(manager))
        .send({ outcome: 'ADMITTED', reason: 'again' }),
      409,
    );
    const otherManager = t.token('category_manager', { categories: ['hotel'] });
    expectProblem(
      await t
        .http()
        .post(`/v1/admission-applications/${applicationId}/override`)
        .set(bearer(otherManager))
        .send({ outcome: 'REJECTED', reason: 'not mine' }),
      403,
    );
  });

  it('a second run while one holds the lock is refused with 409', async () => {
    const { Client } = (await import('pg')).default;
    const holder = new Client({ connectionString: t.database.url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(72001002)');
    try {
      expectProblem(await t.http().post('/v1/scoring-runs').set(bearer(admin)).send({ asOf: '2026-05-03' }), 409);
    } finally {
      await holder.end();
    }
  });

  it('bad run requests are 400, unknown runs 404, managers read runs and start only their own categories’', async () => {
    expectProblem(await t.http().post('/v1/scoring-runs').set(bearer(admin)).send({ asOf: '2026-13-01' }), 400);
    expectProblem(await t.http().get('/v1/scoring-runs/00000000-0000-4000-8000-000000000000').set(bearer(admin)), 404);
    const manager = t.token('category_manager', { categories: ['tour'] });
    // (A manager's run of its own category: test/e2e/category-managers.test.ts.)
    expect(expectProblem(await t.http().post('/v1/scoring-runs').set(bearer(manager)).send({}), 400).errors?.[0].field).toBe('category');
    expectProblem(await t.http().post('/v1/scoring-runs').set(bearer(manager)).send({ category: 'hotel' }), 403);
    const list = await t.http().get('/v1/scoring-runs').set(bearer(manager)).expect(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(3);
  });
});

describe('scoring runs: failures and concurrent changes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a failure marks the run FAILED with the error; the next run of the date completes it without repeating a decision', async () => {
    const { ScoringRunsService } = await import('../../src/governance/runs/scoring-runs.service.js');
    t.app.get(ScoringRunsService).batchSize = 2;
    await publishPolicy(t, 'tour');
    // Every supplier is POOR as of 2026-04-01: each run that scores one penalises it.
    const ids = await activeGoodSuppliers('F', 'tour', 7, 16);
    await t.db.query(`
      CREATE FUNCTION fail_for_f5() RETURNS trigger AS $$
      BEGIN
        IF NEW.supplier_id = '${ids[5]}' THEN RAISE EXCEPTION 'disk full (simulated)'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER fail_for_f5 BEFORE INSERT ON score_snapshots FOR EACH ROW EXECUTE FUNCTION fail_for_f5();`);

    const runOnce = async () => {
      const started = await t
        .http()
        .post('/v1/scoring-runs')
        .set(bearer(t.token('admin')))
        .send({ asOf: '2026-04-01', category: 'tour' })
        .expect(202);
      return finishedRun(t, started.body.id);
    };
    const failed = await runOnce();
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toContain('disk full (simulated)');
    expect(failed.finishedAt).not.toBeNull();
    const penalisedAfterFailure = (await t.db.query(`SELECT count(*)::int AS n FROM decisions WHERE kind = 'PENALTY'`)).rows[0].n;
    expect(penalisedAfterFailure).toBeLessThan(7);
    // Only whole batches were committed: the failed one left no snapshot and no decision.
    const f5 = await t.db.query(
      `SELECT (SELECT count(*) FROM score_snapshots WHERE supplier_id = $1)::int AS s, (SELECT count(*) FROM decisions WHERE supplier_id = $1)::int AS d`,
      [ids[5]],
    );
    expect(f5.rows[0]).toEqual({ s: 0, d: 0 });

    await t.db.query(`DROP TRIGGER fail_for_f5 ON score_snapshots`);
    // Other batch bounds this time, so a batch mixes suppliers done by the failed run and fresh ones.
    t.app.get(ScoringRunsService).batchSize = 3;
    const second = await runOnce();
    expect(second.status).toBe('SUCCEEDED');
    expect(second.counts.decisions.PENALTY).toBe(7 - penalisedAfterFailure);
    const perSupplier = await t.db.query(
      `SELECT s.id, (SELECT count(*) FROM score_snapshots x WHERE x.supplier_id = s.id)::int AS snapshots,
              (SELECT count(*) FROM decisions d WHERE d.supplier_id = s.id AND d.kind = 'PENALTY')::int AS penalties, s.status
         FROM suppliers s WHERE s.id = ANY($1::uuid[])`,
      [ids],
    );
    for (const row of perSupplier.rows) expect(row).toMatchObject({ snapshots: 1, penalties: 1, status: 'PROBATION' });
  });

  it('the first run of a date inserts without the conflict check, yet never duplicates: a decision already there fails its batch, and the next run skips it', async () => {
    await publishPolicy(t, 'flight');
    // All three are POOR as of 2026-04-02: a run penalises each.
    const ids = await activeGoodSuppliers('FR', 'flight', 3, 16);
    // A penalty of that date for supplier 1 that no run of the date wrote (a state runs never leave).
    await t.db.query(
      `INSERT INTO decisions (supplier_id, kind, from_status, to_status, as_of, policy_version, evidence, reason, next_step, actor)
       VALUES ($1, 'PENALTY', 'ACTIVE', 'PROBATION', '2026-04-02', 1, '{}', 'Written by hand', NULL, 'job:scoring-run')`,
      [ids[1]],
    );
    const runOnce = async () => {
      const started = await t
        .http()
        .post('/v1/scoring-runs')
        .set(bearer(t.token('admin')))
        .send({ asOf: '2026-04-02', category: 'flight' })
        .expect(202);
      return finishedRun(t, started.body.id);
    };
    const first = await runOnce();
    expect(first.status).toBe('FAILED');
    expect(first.error).toMatch(/duplicate key value violates unique constraint "decisions_automated_once_idx"/);
    const penalties = async () =>
      (
        await t.db.query(
          `SELECT supplier_id, count(*)::int AS n FROM decisions WHERE supplier_id = ANY($1::uuid[]) AND kind = 'PENALTY' GROUP BY 1`,
          [ids],
        )
      ).rows;
    expect(await penalties()).toEqual([{ supplier_id: ids[1], n: 1 }]);

    // The next run of the date is not the first: it skips what exists and completes the date.
    const second = await runOnce();
    expect(second.status).toBe('SUCCEEDED');
    expect(second.counts.decisions.PENALTY).toBe(2);
    expect(new Map((await penalties()).map((r) => [r.supplier_id, r.n]))).toEqual(new Map(ids.map((id) => [id, 1])));
    const { rows } = await t.db.query(`SELECT DISTINCT status FROM suppliers WHERE id = ANY($1::uuid[])`, [ids]);
    expect(rows).toEqual([{ status: 'PROBATION' }]);
  });

  it('a manager change made while the run is deciding is what the run decides on', async () => {
    await publishPolicy(t, 'guide');
    // All three are POOR as of 2026-04-03: a run penalises each, unless it finds one suspended.
    const ids = await activeGoodSuppliers('M', 'guide', 3, 16);

    // A manager's transaction holds supplier 1 while the run reads it as ACTIVE, then suspends it.
    // A date no run has begun: the run inserts without the conflict check, around the re-decision too.
    const run = await runWhileManagerChanges(
      ids[1],
      'guide',
      (tx) => tx.query(`UPDATE suppliers SET status = 'SUSPENDED' WHERE id = $1`, [ids[1]]),
      '2026-04-03',
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(run.counts.decisions.PENALTY).toBe(2);
    const { rows } = await t.db.query(
      `SELECT s.id, s.status, (SELECT count(*) FROM decisions d WHERE d.supplier_id = s.id)::int AS decisions,
              (SELECT count(*) FROM score_snapshots x WHERE x.supplier_id = s.id)::int AS snapshots
         FROM suppliers s WHERE s.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids[0])).toMatchObject({ status: 'PROBATION', decisions: 1, snapshots: 1 });
    expect(byId.get(ids[1])).toMatchObject({ status: 'SUSPENDED', decisions: 0, snapshots: 1 });
    expect(byId.get(ids[2])).toMatchObject({ status: 'PROBATION', decisions: 1, snapshots: 1 });
  });

  it('a supplier put on probation while the run read it as ACTIVE is reinstated, not rewarded', async () => {
    await publishPolicy(t, 'tour');
    // 20 of 20 positive: EXCELLENT, a REWARD for an ACTIVE supplier, a REINSTATE for one on probation.
    const [id] = await activeGoodSuppliers('MP', 'tour', 1, 20);
    const run = await runWhileManagerChanges(id, 'tour', (tx) =>
      tx.query(`UPDATE suppliers SET status = 'PROBATION', probation_ends_at = '2026-05-01' WHERE id = $1`, [id]),
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(run.counts.decisions).toMatchObject({ REWARD: 0, REINSTATE: 1 });
    const { rows } = await t.db.query(`SELECT kind, from_status, to_status FROM decisions WHERE supplier_id = $1`, [id]);
    expect(rows).toEqual([{ kind: 'REINSTATE', from_status: 'PROBATION', to_status: 'ACTIVE' }]);
    const stored = await t.db.query(`SELECT status, tier, probation_ends_at FROM suppliers WHERE id = $1`, [id]);
    expect(stored.rows[0]).toEqual({ status: 'ACTIVE', tier: 'EXCELLENT', probation_ends_at: null });
  });

  it('an audit failure recorded while the run reads a supplier on probation is what the run decides on: no reinstatement', async () => {
    await publishPolicy(t, 'car');
    // 20 of 20 positive: a supplier on probation would be reinstated on its reviews alone.
    const [id] = await activeGoodSuppliers('MA', 'car', 1, 20);
    await t.db.query(`UPDATE suppliers SET status = 'PROBATION', probation_ends_at = '2026-05-01' WHERE id = $1`, [id]);
    const run = await runWhileManagerChanges(id, 'car', (tx) =>
      tx.query(`UPDATE suppliers SET audit_failed_on = '2026-03-31' WHERE id = $1`, [id]),
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(run.counts.decisions).toMatchObject({ REWARD: 0, REINSTATE: 0 });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM decisions WHERE supplier_id = $1`, [id])).rows[0].n).toBe(0);
    const stored = await t.db.query(
      `SELECT status, tier, to_char(audit_failed_on, 'YYYY-MM-DD') AS audit_failed_on FROM suppliers WHERE id = $1`,
      [id],
    );
    expect(stored.rows[0]).toEqual({ status: 'PROBATION', tier: 'EXCELLENT', audit_failed_on: '2026-03-31' });
  });

  it('a hold set while the run reads the supplier is what the run decides on: no penalty', async () => {
    await publishPolicy(t, 'cruise');
    // 16 of 20 positive: POOR, a penalty for an ACTIVE supplier nothing holds.
    const [id] = await activeGoodSuppliers('MH', 'cruise', 1, 16);
    const run = await runWhileManagerChanges(id, 'cruise', (tx) =>
      tx.query(`UPDATE suppliers SET hold_until = '2026-04-30' WHERE id = $1`, [id]),
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(run.counts.decisions).toMatchObject({ PENALTY: 0 });
    const stored = await t.db.query(
      `SELECT status, tier, to_char(hold_until, 'YYYY-MM-DD') AS hold_until, (SELECT count(*)::int FROM decisions WHERE supplier_id = $1) AS decisions
         FROM suppliers WHERE id = $1`,
      [id],
    );
    expect(stored.rows[0]).toEqual({ status: 'ACTIVE', tier: 'POOR', hold_until: '2026-04-30', decisions: 0 });
  });

  /**
   * `count` suppliers of a category (external refs `<prefix>-0`, …), stored as ACTIVE and GOOD, each
   * with 20 reviews over March 2026 of which `positives` are positive. Their ids.
   */
  async function activeGoodSuppliers(prefix: string, category: string, count: number, positives: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const sup = await createSupplier(t, { externalRef: `${prefix}-${i}`, category });
      await t.db.query(`UPDATE suppliers SET status = 'ACTIVE', tier = 'GOOD' WHERE id = $1`, [sup.id]);
      ids.push(sup.id);
    }
    const items = ids.flatMap((_, i) => reviewSeries(`${prefix}-${i}`, 'x', 20, positives, '2026-03-01', '2026-04-01'));
    await t
      .http()
      .post('/v1/reviews/batch')
      .set(bearer(t.token('integration')))
      .send({ reviews: items })
      .expect(200);
    return ids;
  }

  /**
   * Starts a run of a category as of `asOf` while a manager's transaction holds one supplier;
   * once the run waits for that row, the manager's change is made and committed. The finished run.
   */
  async function runWhileManagerChanges(
    supplierId: string,
    category: string,
    change: (tx: PoolClient) => Promise<unknown>,
    asOf = '2026-04-01',
  ) {
    const manager = await t.db.connect();
    try {
      await manager.query('BEGIN');
      await manager.query(`SELECT 1 FROM suppliers WHERE id = $1 FOR UPDATE`, [supplierId]);
      const started = await t
        .http()
        .post('/v1/scoring-runs')
        .set(bearer(t.token('admin')))
        .send({ asOf, category })
        .expect(202);
      // The run has read the batch unlocked and now waits for the row it means to change.
      for (let waited = 0; ; waited += 20) {
        const { rows } = await t.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%UPDATE suppliers%' AND pid <> pg_backend_pid()`,
        );
        if (rows[0].n > 0) break;
        if (waited > 10_000) throw new Error('the run never waited for the locked supplier');
        await new Promise((r) => setTimeout(r, 20));
      }
      await change(manager);
      await manager.query('COMMIT');
      return await finishedRun(t, started.body.id);
    } finally {
      manager.release();
    }
  }
});
