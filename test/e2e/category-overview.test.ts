import { randomUUID } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addDays, todayUtc } from '../../src/common/time/dates.js';
import { DEFAULT_POLICY } from '../../src/policies/domain/policy.js';
import type { SupplierStatus, Tier } from '../../src/suppliers/domain/supplier-lifecycle.js';
import { riskOf } from '../../src/triage/domain/at-risk.js';
import { expectProblem, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * GET /v1/categories/{category}/overview (issue 19): every figure held against counts the test
 * makes itself, by hand from the rows it seeded (and, for "at risk", the pure rule on them), with
 * a second category ("tour") seeded alike so that a figure leaking across categories shows.
 */

const today = todayUtc();
const tomorrow = addDays(today, 1);

/** name, status, stored tier, latest snapshot rate (undefined: never scored), probation end, hold, and what the next run would do, by hand. */
type Seed = [string, SupplierStatus, Tier | null, number | null | undefined, string | null, string | null, string | null];
const HOTEL: Seed[] = [
  ['Hotel Alba', 'ACTIVE', 'GOOD', 0.8, null, null, 'PENALTY'],
  ['Hotel Borgo', 'ACTIVE', 'GOOD', 0.6, null, null, 'DELIST'],
  ['Hotel Corte', 'ACTIVE', 'GOOD', 0.87, null, null, 'WARNING'],
  ['Hotel Duomo', 'ACTIVE', 'WATCH', 0.87, null, null, null],
  ['Hotel Etna', 'ACTIVE', 'EXCELLENT', 0.97, null, null, null],
  ['Hotel Foro', 'PROBATION', 'POOR', 0.8, addDays(today, 5), null, null],
  ['Hotel Gioia', 'PROBATION', 'POOR', 0.8, tomorrow, null, 'DELIST'],
  ['Hotel Lago', 'PROBATION', 'WATCH', 0.88, addDays(today, 20), null, null],
  ['Hotel Sole', 'PROBATION', 'WATCH', 0.88, addDays(today, 14), null, null],
  ['Hotel Tufo', 'PROBATION', 'WATCH', 0.88, addDays(today, 15), null, null],
  ['Hotel Mare', 'ACTIVE', 'GOOD', 0.5, null, addDays(today, 5), null],
  ['Hotel Nido', 'ACTIVE', null, undefined, null, null, null],
  ['Hotel Riva', 'ACTIVE', 'INSUFFICIENT_DATA', null, null, null, null],
  ['Hotel Olmo', 'APPLICANT', null, undefined, null, null, null],
  ['Hotel Pino', 'SUSPENDED', 'POOR', 0.5, null, null, null],
  ['Hotel Quercia', 'DELISTED', 'POOR', undefined, null, null, null],
];
const TOUR: Seed[] = [
  ['Tour Uno', 'ACTIVE', 'GOOD', 0.5, null, null, 'DELIST'],
  ['Tour Due', 'PROBATION', 'POOR', 0.8, tomorrow, null, 'DELIST'],
];

describe('category overview', () => {
  let t: TestApp;
  let admin: string;
  const id = new Map<string, string>();
  let decisions: Array<{ category: string; kind: string; day: string }>;

  const overview = async (category: string, query = '', token = admin) => {
    const res = await t.http().get(`/v1/categories/${category}/overview${query}`).set(bearer(token));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Record<string, Record<string, unknown>> & { asOf: string; category: string };
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour');
    await publishPolicy(t, 'guide');
    const seeds = [...HOTEL.map((s) => ['hotel', ...s] as const), ...TOUR.map((s) => ['tour', ...s] as const)];
    const { rows } = await t.db.query<{ id: string; name: string }>(
      `INSERT INTO suppliers (external_ref, name, category, status, tier, probation_ends_at, hold_until)
       SELECT 'OV-' || i, name, category, status, tier, ends, hold
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[]) WITH ORDINALITY AS x(category, name, status, tier, ends, hold, i)
       RETURNING id, name`,
      [
        seeds.map((s) => s[0]),
        seeds.map((s) => s[1]),
        seeds.map((s) => s[2]),
        seeds.map((s) => s[3]),
        seeds.map((s) => s[5]),
        seeds.map((s) => s[6]),
      ],
    );
    for (const r of rows) id.set(r.name, r.id);
    const [run] = (
      await t.db.query<{ id: string }>(
        `INSERT INTO scoring_runs (status, as_of, category, trigger, created_by, finished_at)
         VALUES ('SUCCEEDED', $1, NULL, 'MANUAL', 'test', clock_timestamp()) RETURNING id`,
        [today],
      )
    ).rows;
    const scored = seeds.filter((s) => s[4] !== undefined);
    await t.db.query(
      `INSERT INTO score_snapshots (supplier_id, as_of, run_id, policy_version, window_days, n, positives, raw_rate, wilson_lower, rate, tier)
       SELECT id, $1, $2, 1, CASE WHEN rate IS NULL THEN NULL ELSE 90 END, 40, round(coalesce(rate, 0) * 40), rate, rate, rate,
              CASE WHEN rate IS NULL THEN 'INSUFFICIENT_DATA' ELSE 'GOOD' END
         FROM unnest($3::uuid[], $4::float8[]) AS x(id, rate)`,
      [today, run.id, scored.map((s) => id.get(s[1])), scored.map((s) => s[4])],
    );

    // Decisions at the edges of the 7 days: today-6 00:00 is in, today-7 23:59:59.999 out.
    const decide = async (name: string, kind: string, at: string) =>
      t.db.query(
        `INSERT INTO decisions (supplier_id, kind, from_status, to_status, as_of, policy_version, evidence, reason, actor, created_at)
         VALUES ($1, $2, 'ACTIVE', 'ACTIVE', $3::timestamptz::date, 1, '{}', 'Seeded', 'manager@example.com', $3)`,
        [id.get(name), kind, at],
      );
    await decide('Hotel Alba', 'PENALTY', `${today}T00:30:00Z`);
    await decide('Hotel Borgo', 'PENALTY', `${today}T00:30:00Z`);
    await decide('Hotel Corte', 'WARNING', `${today}T00:30:01Z`);
    await decide('Hotel Etna', 'REWARD', `${addDays(today, -6)}T00:00:00Z`);
    await decide('Hotel Duomo', 'DELIST', `${addDays(today, -7)}T23:59:59.999Z`);
    await decide('Hotel Mare', 'OVERRIDE', `${addDays(today, -3)}T12:00:00Z`);
    await decide('Tour Uno', 'PENALTY', `${today}T00:30:00Z`);
    decisions = (
      await t.db.query<{ category: string; kind: string; day: string }>(
        `SELECT s.category, d.kind, to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM decisions d JOIN suppliers s ON s.id = d.supplier_id`,
      )
    ).rows;

    // Complaints: overdue by response, overdue by resolution, not yet due, withdrawn (never overdue), another category's.
    const hour = 3_600_000;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const complaint = (
      name: string,
      status: string,
      respondBy: string,
      resolveBy: string,
      respondedAt: string | null,
      withdrawnAt: string | null,
    ) =>
      t.db.query(
        `INSERT INTO complaints (id, source, external_id, supplier_id, order_ref, opened_at, complaint_category, severity, description,
                                 status, policy_version, respond_by, resolve_by, responded_at, responded_by, response_message, withdrawn_at,
                                 withdrawn_by, withdrawal_reason, created_by)
         VALUES ($1, 'desk', $2, $3, 'ORD-1', $4, 'CLEANLINESS', 'MEDIUM', 'Dirty', $5, 1, $6, $7, $8, CASE WHEN $8::timestamptz IS NULL THEN NULL ELSE 'desk' END,
                 CASE WHEN $8::timestamptz IS NULL THEN NULL ELSE 'Sorry' END, $9, CASE WHEN $9::timestamptz IS NULL THEN NULL ELSE 'desk' END,
                 CASE WHEN $9::timestamptz IS NULL THEN NULL ELSE 'Customer withdrew' END, 'test')`,
        [randomUUID(), randomUUID(), id.get(name), at(-100 * hour), status, respondBy, resolveBy, respondedAt, withdrawnAt],
      );
    await complaint('Hotel Alba', 'OPEN', at(-hour), at(48 * hour), null, null);
    await complaint('Hotel Borgo', 'RESPONDED', at(-50 * hour), at(-hour), at(-60 * hour), null);
    await complaint('Hotel Corte', 'OPEN', at(hour), at(48 * hour), null, null);
    await complaint('Hotel Duomo', 'WITHDRAWN', at(-hour), at(-hour), null, at(-2 * hour));
    await complaint('Tour Uno', 'OPEN', at(-hour), at(-hour), null, null);

    // Appeals: open, open and overdue, ruled, and another category's open one.
    const appeal = (name: string, decideBy: string, ruled: boolean) =>
      t.db.query(
        `INSERT INTO appeals (id, supplier_id, target_kind, target_id, statement, decide_by, status, ruling_reason, ruled_by, ruled_at, created_by)
         VALUES ($1, $2, 'REVIEW', $3, 'Not ours', $4, $5, $6, $7, $8, 'test')`,
        [
          randomUUID(),
          id.get(name),
          randomUUID(),
          decideBy,
          ruled ? 'DENIED' : 'OPEN',
          ruled ? 'No' : null,
          ruled ? 'manager' : null,
          ruled ? at(-hour) : null,
        ],
      );
    await appeal('Hotel Alba', at(24 * hour), false);
    await appeal('Hotel Borgo', at(-hour), false);
    await appeal('Hotel Corte', at(24 * hour), true);
    await appeal('Tour Uno', at(-hour), false);

    // Accepted audits: two live suppliers within 365 days, one too old, one of an applicant (not live).
    const [shopper] = (
      await t.db.query<{ id: string }>(
        `INSERT INTO shoppers (display_name, categories, max_open_audits, created_by) VALUES ('S', '{hotel,tour}', 5, 'test') RETURNING id`,
      )
    ).rows;
    for (const [name, daysAgo] of [
      ['Hotel Alba', 10],
      ['Hotel Sole', 300],
      ['Hotel Etna', 400],
      ['Hotel Olmo', 10],
      ['Tour Uno', 10],
    ] as const) {
      await t.db.query(
        `INSERT INTO audits (supplier_id, shopper_id, status, due_at, reviewed_at, created_by)
         VALUES ($1, $2, 'ACCEPTED_REPORT', now(), now() - make_interval(days => $3), 'test')`,
        [id.get(name), shopper.id, daysAgo],
      );
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('counts suppliers by status, and the ACTIVE and PROBATION ones by stored tier', async () => {
    const o = await overview('hotel');
    expect(o.category).toBe('hotel');
    expect(o.asOf).toBe(today);
    expect(o.policyVersion).toBe(1);
    expect(o.suppliers).toEqual({
      total: 16,
      byStatus: { APPLICANT: 1, ACTIVE: 8, PROBATION: 5, SUSPENDED: 1, DELISTED: 1, REJECTED: 0 },
      live: 13,
      byTier: { EXCELLENT: 1, GOOD: 4, WATCH: 4, POOR: 2, INSUFFICIENT_DATA: 1, NOT_SCORED: 1 },
    });
    const tour = await overview('tour');
    expect(tour.suppliers).toMatchObject({ total: 2, live: 2, byTier: { GOOD: 1, POOR: 1, WATCH: 0 } });
  });

  it('counts at risk as the search lists them and as the pure sanction rule decides, by hand', async () => {
    const byHand = { PENALTY: 0, DELIST: 0, WARNING: 0 } as Record<string, number>;
    for (const [name, status, tier, rate, ends, hold, expected] of HOTEL) {
      const snapshot =
        rate === undefined ? null : { windowDays: rate === null ? null : 90, n: 40, positives: 0, rate, tier: 'GOOD' as const };
      const rule = riskOf(
        DEFAULT_POLICY,
        { status, tier, probationEndsAt: ends, holdUntil: hold, auditFailedOn: null },
        snapshot,
        tomorrow,
      );
      expect(rule, name).toBe(expected);
      if (expected) byHand[expected] += 1;
    }
    const o = await overview('hotel');
    expect(o.atRisk).toEqual({ nextRun: tomorrow, total: 4, byDecision: byHand });
    expect(byHand).toEqual({ PENALTY: 1, DELIST: 2, WARNING: 1 });
    const listed = await t.http().get('/v1/suppliers?category=hotel&atRisk=true&limit=500').set(bearer(admin)).expect(200);
    expect(listed.body.items).toHaveLength(4);
    expect((await overview('tour')).atRisk).toMatchObject({ total: 2, byDecision: { DELIST: 2 } });
  });

  it('counts probations ending within 14 days (today + 14 in, + 15 out), as the search filters them', async () => {
    const o = await overview('hotel');
    expect(o.probations).toEqual({ withinDays: 14, endsBefore: addDays(today, 15), ending: 3 });
    const listed = await t
      .http()
      .get(`/v1/suppliers?category=hotel&status=PROBATION&probationEndsBefore=${addDays(today, 15)}`)
      .set(bearer(admin))
      .expect(200);
    expect(listed.body.items.map((s: { name: string }) => s.name).sort()).toEqual(['Hotel Foro', 'Hotel Gioia', 'Hotel Sole']);
  });

  it('counts the decisions made on the 7 UTC days ending with asOf, by kind, as the feed lists them', async () => {
    const expected = (asOf: string) => {
      const inWindow = decisions.filter((d) => d.category === 'hotel' && d.day >= addDays(asOf, -6) && d.day <= asOf);
      const byKind: Record<string, number> = {};
      for (const d of inWindow) byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
      return { total: inWindow.length, byKind };
    };
    const o = await overview('hotel');
    expect(o.decisions).toMatchObject({ from: addDays(today, -6), to: today, total: 5 });
    expect(o.decisions.total).toBe(expected(today).total);
    expect(o.decisions.byKind).toEqual({
      REWARD: 1,
      WARNING: 1,
      PENALTY: 2,
      REINSTATE: 0,
      DELIST: 0,
      ADMIT: 0,
      REJECT: 0,
      OVERRIDE: 1,
      AUDIT_PASSED: 0,
      AUDIT_FAILED: 0,
      APPEAL_GRANTED: 0,
      HOLD_LIFTED: 0,
    });
    expect(Object.fromEntries(Object.entries(o.decisions.byKind as Record<string, number>).filter(([, n]) => n > 0))).toEqual(
      expected(today).byKind,
    );
    const feed = await t
      .http()
      .get(`/v1/decisions?category=hotel&from=${addDays(today, -6)}&to=${today}&limit=500`)
      .set(bearer(admin))
      .expect(200);
    expect(feed.body.items).toHaveLength(5);

    const earlier = await overview('hotel', `?asOf=${addDays(today, -3)}`);
    expect(earlier.asOf).toBe(addDays(today, -3));
    expect(earlier.decisions).toMatchObject({ from: addDays(today, -9), to: addDays(today, -3), total: 3 });
    expect(earlier.decisions.byKind).toMatchObject({ REWARD: 1, DELIST: 1, OVERRIDE: 1, PENALTY: 0 });
    expect(earlier.decisions.total).toBe(expected(addDays(today, -3)).total);
  });

  it('counts complaints overdue now, appeals waiting and the audit coverage, as their own endpoints do', async () => {
    const o = await overview('hotel');
    expect(o.complaints).toEqual({ overdueNow: 2 });
    const overdue = await t.http().get('/v1/complaints?category=hotel&overdue=true').set(bearer(admin)).expect(200);
    expect(overdue.body.items).toHaveLength(2);
    expect(o.appeals).toEqual({ waiting: 2, overdue: 1 });
    const open = await t.http().get('/v1/appeals?category=hotel&status=OPEN').set(bearer(admin)).expect(200);
    expect(open.body.items).toHaveLength(2);
    expect(o.auditCoverage).toEqual({ activeSuppliers: 13, audited: 2, coverage: 2 / 13, target: 0.8, onTarget: false });
    const coverage = await t.http().get('/v1/audits/coverage?category=hotel').set(bearer(admin)).expect(200);
    expect(coverage.body).toMatchObject({ activeSuppliers: 13, audited: 2 });
    expect(await overview('tour')).toMatchObject({
      complaints: { overdueNow: 1 },
      appeals: { waiting: 1, overdue: 1 },
      auditCoverage: { activeSuppliers: 2, audited: 1, coverage: 0.5 },
    });
  });

  it('answers zeros for a category with a policy and no suppliers', async () => {
    const o = await overview('guide');
    expect(o.suppliers).toMatchObject({ total: 0, live: 0, byTier: { GOOD: 0, NOT_SCORED: 0 } });
    expect(o).toMatchObject({ atRisk: { total: 0 }, decisions: { total: 0 }, complaints: { overdueNow: 0 }, appeals: { waiting: 0 } });
    expect(o.auditCoverage).toMatchObject({ activeSuppliers: 0, coverage: null, onTarget: false });
  });

  it('is read by admins, the managers of the category and integrations; refused to others', async () => {
    await overview('hotel', '', t.token('category_manager', { categories: ['hotel'] }));
    await overview('hotel', '', t.token('category_manager'));
    await overview('hotel', '', t.token('integration'));
    expectProblem(
      await t
        .http()
        .get('/v1/categories/hotel/overview')
        .set(bearer(t.token('category_manager', { categories: ['tour'] }))),
      403,
    );
    expectProblem(
      await t
        .http()
        .get('/v1/categories/hotel/overview')
        .set(bearer(t.token('mystery_shopper', { shopperId: randomUUID() }))),
      403,
    );
    expectProblem(await t.http().get('/v1/categories/hotel/overview'), 401);
  });

  it('answers 404 for a category without a policy, 400 for a malformed asOf or category, 422 for one out of range', async () => {
    expectProblem(await t.http().get('/v1/categories/cruise/overview').set(bearer(admin)), 404);
    const tomorrowAsOf = await t.http().get(`/v1/categories/hotel/overview?asOf=${tomorrow}`).set(bearer(admin));
    expectProblem(tomorrowAsOf, 422);
    expect(tomorrowAsOf.body.errors.map((e: { field: string }) => e.field)).toEqual(['asOf']);
    expectProblem(await t.http().get('/v1/categories/hotel/overview?asOf=1999-12-31').set(bearer(admin)), 422);
    const malformed = await t.http().get('/v1/categories/hotel/overview?asOf=2026-02-30').set(bearer(admin));
    expectProblem(malformed, 400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['asOf']);
    expectProblem(await t.http().get('/v1/categories/Not%20A%20Slug/overview').set(bearer(admin)), 400);
    // The manager of another category learns nothing, not even whether it exists.
    expectProblem(
      await t
        .http()
        .get('/v1/categories/cruise/overview')
        .set(bearer(t.token('category_manager', { categories: ['tour'] }))),
      403,
    );
  });
});
