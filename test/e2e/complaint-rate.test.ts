import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSupplier, finishedRun, publishPolicy, reviewSeries, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The second signal through the real run: supplier-fault complaints over orders in the policy's
 * complaint window (defaults: 90 days, minOrders 100, threshold 1%). Orders go in through the
 * orders endpoint; complaints, whose intake is built elsewhere, by a SQL fixture of resolved rows.
 */
interface DecisionBody {
  kind: string;
  fromStatus: string;
  toStatus: string;
  asOf: string;
  reason: string;
  nextStep: string | null;
  evidence: { complaints?: Record<string, unknown> } & Record<string, unknown>;
}

interface SimulatedBody {
  supplierId: string;
  decision: string | null;
  reason: string | null;
  complaints: Record<string, unknown> | null;
}

describe('the complaint rate: runs, scorecards and simulations', () => {
  let t: TestApp;
  let admin: string;
  const s: Record<string, SupplierBody> = {};

  async function orders(ref: string, from: string, days: number, perDay: number) {
    const start = Date.parse(`${from}T00:00:00Z`);
    const volumes = Array.from({ length: days }, (_, i) => ({
      supplierRef: ref,
      day: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
      orders: perDay,
    }));
    const res = await t
      .http()
      .post('/v1/order-volumes')
      .set(bearer(t.token('integration')))
      .send({ volumes })
      .expect(200);
    expect(res.body).toEqual({ stored: days, rejected: [] });
  }
  /** Resolved complaints of a supplier: opened at each instant, resolved a day later with the fault given. */
  async function complaints(supplierId: string, openedAt: string[], fault = 'SUPPLIER', resolvedAfterMs = 86_400_000) {
    for (const opened of openedAt) {
      const at = Date.parse(opened);
      await t.db.query(
        `INSERT INTO complaints (id, source, external_id, supplier_id, order_ref, opened_at, complaint_category, severity, description,
                                 status, policy_version, respond_by, resolve_by, responded_at, resolved_at, fault, resolution, created_by)
         VALUES ($1, 'service-desk', $2, $3, 'ORD-1', $4, 'CLEANLINESS', 'MEDIUM', 'Dirty room', 'RESOLVED', 1,
                 $4::timestamptz + interval '24 hours', $4::timestamptz + interval '72 hours', $5, $5, $6, 'Refunded', 'test')`,
        [randomUUID(), `c-${randomUUID()}`, supplierId, new Date(at).toISOString(), new Date(at + resolvedAfterMs).toISOString(), fault],
      );
    }
  }
  const spread = (from: string, count: number, stepDays: number) =>
    Array.from({ length: count }, (_, i) => new Date(Date.parse(`${from}T10:00:00Z`) + i * stepDays * 86_400_000).toISOString());
  async function run(asOf: string) {
    const started = await t
      .http()
      .post('/v1/scoring-runs')
      .set(bearer(t.token('integration')))
      .send({ asOf, category: 'tour' })
      .expect(202);
    const done = await finishedRun(t, started.body.id);
    expect(done.status).toBe('SUCCEEDED');
    return done;
  }
  async function supplier(name: string) {
    return (await t.http().get(`/v1/suppliers/${s[name].id}`).set(bearer(admin)).expect(200)).body;
  }
  async function decisions(name: string) {
    return (await t.http().get(`/v1/suppliers/${s[name].id}/decisions`).set(bearer(admin)).expect(200)).body.items as DecisionBody[];
  }
  async function scorecard(name: string, asOf: string) {
    return (await t.http().get(`/v1/suppliers/${s[name].id}/scorecard?asOf=${asOf}`).set(bearer(admin)).expect(200)).body;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'tour');
    // complaining: good stars, 1,000 orders, 20 supplier-fault complaints (2%) by 2026-10-01.
    // few-orders: good stars, 50 orders and 5 complaints (10%, but below minOrders).
    // below-bar: good stars, 1,000 orders, 5 complaints (0.5%).
    for (const name of ['complaining', 'few-orders', 'below-bar']) {
      s[name] = await createSupplier(t, { externalRef: name, category: 'tour' });
      const reviews = reviewSeries(name, 'r', 100, 96, '2026-07-15', '2026-09-30');
      await t
        .http()
        .post('/v1/reviews/batch')
        .set(bearer(t.token('integration')))
        .send({ reviews })
        .expect(200);
    }
    // Admitted EXCELLENT (a shortcut: admission is not what this file tests).
    for (const name of Object.keys(s))
      await t.db.query(`UPDATE suppliers SET status = 'ACTIVE', tier = 'EXCELLENT' WHERE id = $1`, [s[name].id]);
    await orders('complaining', '2026-08-01', 50, 20);
    await complaints(s.complaining.id, spread('2026-08-01', 20, 2));
    await orders('few-orders', '2026-08-01', 50, 1);
    await complaints(s['few-orders'].id, spread('2026-08-01', 5, 3));
    await orders('below-bar', '2026-08-01', 50, 20);
    await complaints(s['below-bar'].id, spread('2026-08-01', 5, 3));
    // Complaints that do not count: another fault, opened before the window, resolved on or after the as-of date.
    await complaints(s['below-bar'].id, spread('2026-08-02', 10, 1), 'PLATFORM');
    await complaints(s['below-bar'].id, spread('2026-06-01', 10, 1));
    await complaints(s['below-bar'].id, ['2026-09-30T12:00:00Z'], 'SUPPLIER', 12 * 3600_000);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the scorecard shows the complaint figures, rate null below minOrders', async () => {
    expect((await scorecard('complaining', '2026-10-01')).complaints).toEqual({
      windowDays: 90,
      orders: 1000,
      supplierFault: 20,
      rate: 0.02,
    });
    expect((await scorecard('few-orders', '2026-10-01')).complaints).toEqual({ windowDays: 90, orders: 50, supplierFault: 5, rate: null });
    // Only the 5 supplier-fault complaints opened in [2026-07-03, 2026-10-01) and resolved before 2026-10-01 count.
    expect((await scorecard('below-bar', '2026-10-01')).complaints).toEqual({
      windowDays: 90,
      orders: 1000,
      supplierFault: 5,
      rate: 0.005,
    });
    // A day later the one resolved at 2026-10-01T00:00Z counts too.
    expect((await scorecard('below-bar', '2026-10-02')).complaints).toMatchObject({ supplierFault: 6, orders: 1000 });
  });

  it('a simulation applies the same rule: another threshold changes the outcome, with the figures shown', async () => {
    const simulate = async (policy: Record<string, unknown>) => {
      const res = await t.http().post('/v1/policies/tour/simulate').set(bearer(admin)).send({ policy, asOf: '2026-10-01' }).expect(200);
      return new Map((res.body.suppliers as SimulatedBody[]).map((x) => [x.supplierId, x]));
    };
    const now = await simulate({});
    expect(now.get(s.complaining.id)).toMatchObject({
      decision: 'PENALTY',
      complaints: { windowDays: 90, orders: 1000, supplierFault: 20, rate: 0.02, threshold: 0.01 },
    });
    expect(now.get(s.complaining.id)!.reason).toContain('20 supplier-fault complaints in 1000 orders over 90 days (2.0%) ≥ 1.0%');
    expect(now.get(s['few-orders'].id)?.complaints ?? null).toBeNull();
    const lenient = await simulate({ complaintRateThreshold: 0.03 });
    expect(lenient.get(s.complaining.id)?.decision ?? null).toBeNull();
    const strict = await simulate({ complaintRateThreshold: 0.005 });
    expect(strict.get(s['below-bar'].id)).toMatchObject({ decision: 'PENALTY', complaints: { rate: 0.005, threshold: 0.005 } });
  });

  it('a run puts a supplier with good reviews and a 2% supplier-fault rate on probation, with evidence naming the complaints', async () => {
    await run('2026-10-01');
    expect(await supplier('complaining')).toMatchObject({ status: 'PROBATION', tier: 'EXCELLENT', probationEndsAt: '2026-10-31' });
    const [penalty] = await decisions('complaining');
    expect(penalty).toMatchObject({ kind: 'PENALTY', fromStatus: 'ACTIVE', toStatus: 'PROBATION', asOf: '2026-10-01' });
    expect(penalty.reason).toMatch(
      /^20 supplier-fault complaints in 1000 orders over 90 days \(2\.0%\) ≥ 1\.0%: on probation until 2026-10-31/,
    );
    expect(penalty.evidence).toMatchObject({
      windowDays: 90,
      n: 100,
      positives: 96,
      tier: 'EXCELLENT',
      complaints: { windowDays: 90, orders: 1000, supplierFault: 20, rate: 0.02, threshold: 0.01 },
    });
    expect(penalty.nextStep).toContain('Reinstatement needs the supplier-fault complaint rate over 90 days below 1.0%');
    // The event carries the same decision, complaints and all.
    const events = (await t.http().get('/v1/events?after=0').set(bearer(admin)).expect(200)).body.items as Array<{
      supplierId: string;
      type: string;
      decision: DecisionBody;
    }>;
    const event = events.find((e) => e.supplierId === s.complaining.id)!;
    expect(event.type).toBe('supplier.probation');
    expect(event.decision.evidence.complaints).toEqual(penalty.evidence.complaints);
    // Below minOrders ignored; below the bar ignored: the reviews decide (EXCELLENT, stored EXCELLENT: nothing).
    for (const name of ['few-orders', 'below-bar']) {
      expect(await supplier(name)).toMatchObject({ status: 'ACTIVE', tier: 'EXCELLENT' });
      expect(await decisions(name)).toEqual([]);
    }
  });

  it('a later run with the rate still above does not reinstate, and probation ending delists naming the complaints', async () => {
    // On 2026-10-15 the stars alone would reinstate (rate ≥ 92%); the complaints are still at 2%.
    const card = await scorecard('complaining', '2026-10-15');
    expect(card.evaluation.rate).toBeGreaterThanOrEqual(0.92);
    expect(card.complaints).toEqual({ windowDays: 90, orders: 1000, supplierFault: 20, rate: 0.02 });
    await run('2026-10-15');
    expect(await supplier('complaining')).toMatchObject({ status: 'PROBATION', probationEndsAt: '2026-10-31' });
    expect((await decisions('complaining')).map((d) => d.kind)).toEqual(['PENALTY']);

    await run('2026-10-31');
    expect(await supplier('complaining')).toMatchObject({ status: 'DELISTED' });
    const [delist] = await decisions('complaining');
    expect(delist).toMatchObject({ kind: 'DELIST', fromStatus: 'PROBATION', asOf: '2026-10-31' });
    // The window is now [2026-08-02, 2026-10-31): the first day's 20 orders and complaint have left it.
    expect(delist.reason).toContain(
      'Probation ended on 2026-10-31 without recovery: 19 supplier-fault complaints in 980 orders over 90 days (1.9%) ≥ 1.0%, though the rate',
    );
    expect(delist.evidence.complaints).toEqual({ windowDays: 90, orders: 980, supplierFault: 19, rate: 19 / 980, threshold: 0.01 });
  });

  it('a decision the complaints did not decide keeps its evidence by reference, without complaints', async () => {
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM decisions WHERE run_id IS NOT NULL AND evidence IS NOT NULL`);
    expect(rows[0].n).toBe(2);
  });
});
