import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addDays, todayUtc } from '../../src/common/time/dates.js';
import { DEFAULT_POLICY } from '../../src/policies/domain/policy.js';
import type { SupplierStatus, Tier } from '../../src/suppliers/domain/supplier-lifecycle.js';
import { riskOf } from '../../src/triage/domain/at-risk.js';
import { allPages, expectProblem, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * GET /v1/suppliers, the triage search (issue 19): every answer is held against what the test
 * computes itself from the raw rows it seeded (suppliers, runs, snapshots), and the at-risk flag
 * against the pure sanction rule (`riskOf`) applied to those rows.
 */

interface Raw {
  id: string;
  seq: string;
  external_ref: string;
  name: string;
  category: string;
  city: string | null;
  status: SupplierStatus;
  tier: Tier | null;
  probation_ends_at: string | null;
  hold_until: string | null;
  audit_failed_on: string | null;
}

interface Item {
  id: string;
  name: string;
  rate: number | null;
  rateAsOf: string | null;
  tier: Tier | null;
  probationEndsAt: string | null;
  holdUntil: string | null;
  wouldDecide: string | null;
  atRisk: boolean;
}

const today = todayUtc();
const tomorrow = addDays(today, 1);
const RATES = [null, 0.5, 0.8, 0.87, 0.91, 0.93, 0.97];
const STATUSES: SupplierStatus[] = ['ACTIVE', 'PROBATION', 'SUSPENDED'];
const TIERS: Array<Tier | null> = [null, 'POOR', 'WATCH', 'GOOD', 'EXCELLENT'];
const PROBATION_ENDS = [null, addDays(today, -3), tomorrow, addDays(today, 20)];
const HOLDS = [null, today, addDays(today, 5)];
const AUDITS = [null, addDays(today, -10)];

describe('supplier search', () => {
  let t: TestApp;
  let admin: string;
  let raw: Raw[];
  /** The latest snapshot's rate per supplier id, as the test seeded it (undefined: no snapshot). */
  const latestRate = new Map<string, { rate: number | null; asOf: string }>();

  function all(query: string, token = admin, limit = 500): Promise<Item[]> {
    return allPages<Item>(t, '/v1/suppliers', query, token, limit);
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour');
    // Every combination the sanction rules tell apart, in hotel; a few named ones for the search.
    const combos: Array<[SupplierStatus, Tier | null, string | null, string | null, string | null, number | null]> = [];
    for (const status of STATUSES)
      for (const tier of TIERS)
        for (const ends of PROBATION_ENDS)
          for (const hold of HOLDS)
            for (const audit of AUDITS) for (const rate of RATES) combos.push([status, tier, ends, hold, audit, rate]);
    await t.db.query(
      `INSERT INTO suppliers (external_ref, name, category, city, status, tier, probation_ends_at, hold_until, audit_failed_on)
       SELECT 'GEN-' || i, 'Generated ' || lpad(i::text, 5, '0'), 'hotel', CASE WHEN i % 3 = 0 THEN 'Rome' END, status, tier, ends, hold, audit
         FROM unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::date[]) WITH ORDINALITY AS x(status, tier, ends, hold, audit, i)`,
      [combos.map((c) => c[0]), combos.map((c) => c[1]), combos.map((c) => c[2]), combos.map((c) => c[3]), combos.map((c) => c[4])],
    );
    await t.db.query(
      `INSERT INTO suppliers (external_ref, name, category, city, status, tier) VALUES
         ('HTL-RUSSO-1', 'Hotel Russo Palace', 'hotel', 'Venice', 'ACTIVE', 'GOOD'),
         ('HTL-2', 'Albergo Centrale', 'hotel', 'Russolo', 'ACTIVE', 'WATCH'),
         ('TOUR-RUSSO', 'Dolomiti Walks', 'tour', 'Cortina', 'ACTIVE', 'EXCELLENT'),
         ('HTL-100%', 'Hotel 100% Sea_View', 'hotel', NULL, 'APPLICANT', NULL)`,
    );
    // Two runs: the older snapshot of a supplier must give way to the newer one.
    await t.db.query(
      `INSERT INTO scoring_runs (status, as_of, category, trigger, created_by, finished_at) VALUES
         ('SUCCEEDED', $1, NULL, 'MANUAL', 'test', clock_timestamp()), ('SUCCEEDED', $2, NULL, 'MANUAL', 'test', clock_timestamp())`,
      [addDays(today, -8), addDays(today, -1)],
    );
    const { rows: runs } = await t.db.query<{ id: string; as_of: string }>(
      `SELECT id, to_char(as_of, 'YYYY-MM-DD') AS as_of FROM scoring_runs ORDER BY as_of`,
    );
    const { rows: generated } = await t.db.query<{ id: string; i: number }>(
      `SELECT id, substring(external_ref from 5)::int AS i FROM suppliers WHERE external_ref LIKE 'GEN-%'`,
    );
    const snapshot = async (runIndex: number, pairs: Array<{ id: string; rate: number | null }>) => {
      await t.db.query(
        `INSERT INTO score_snapshots (supplier_id, as_of, run_id, policy_version, window_days, n, positives, raw_rate, wilson_lower, rate, tier)
         SELECT id, $1, $2, 1, CASE WHEN rate IS NULL THEN NULL ELSE 90 END, 40, round(coalesce(rate, 0) * 40), rate, rate, rate,
                CASE WHEN rate IS NULL THEN 'INSUFFICIENT_DATA' WHEN rate >= 0.95 THEN 'EXCELLENT' WHEN rate >= 0.9 THEN 'GOOD'
                     WHEN rate >= 0.85 THEN 'WATCH' ELSE 'POOR' END
           FROM unnest($3::uuid[], $4::float8[]) AS x(id, rate)`,
        [runs[runIndex].as_of, runs[runIndex].id, pairs.map((p) => p.id), pairs.map((p) => p.rate)],
      );
      for (const p of pairs) latestRate.set(p.id, { rate: p.rate, asOf: runs[runIndex].as_of });
    };
    // The older run saw every generated supplier at a rate of 0.99; the newer one at its combination's rate.
    await snapshot(
      0,
      generated.map((g) => ({ id: g.id, rate: 0.99 })),
    );
    await snapshot(
      1,
      generated.map((g) => ({ id: g.id, rate: combos[g.i - 1][5] })),
    );
    raw = (
      await t.db.query<Raw>(
        `SELECT id, seq, external_ref, name, category, city, status, tier, to_char(probation_ends_at, 'YYYY-MM-DD') AS probation_ends_at,
                to_char(hold_until, 'YYYY-MM-DD') AS hold_until, to_char(audit_failed_on, 'YYYY-MM-DD') AS audit_failed_on
           FROM suppliers ORDER BY seq`,
      )
    ).rows;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const riskOfRaw = (r: Raw) => {
    const latest = latestRate.get(r.id);
    const snapshot =
      latest === undefined
        ? null
        : {
            windowDays: latest.rate === null ? null : 90,
            n: 40,
            positives: 0,
            rate: latest.rate,
            tier: latest.rate === null ? ('INSUFFICIENT_DATA' as const) : ('GOOD' as const),
          };
    return riskOf(
      DEFAULT_POLICY,
      { status: r.status, tier: r.tier, probationEndsAt: r.probation_ends_at, holdUntil: r.hold_until, auditFailedOn: r.audit_failed_on },
      snapshot,
      tomorrow,
    );
  };

  it('lists every supplier once, in registration order, with its latest rate and what the next run would do', async () => {
    const items = await all('', admin, 97);
    expect(items.map((i) => i.id)).toEqual(raw.map((r) => r.id));
    for (const item of items) {
      const r = raw.find((x) => x.id === item.id)!;
      expect(item.rate, item.name).toBe(latestRate.get(r.id)?.rate ?? null);
      expect(item.rateAsOf).toBe(latestRate.get(r.id)?.asOf ?? null);
      expect(item.wouldDecide, `${item.name} ${JSON.stringify(r)} ${item.rate}`).toBe(riskOfRaw(r));
      expect(item.atRisk).toBe(item.wouldDecide !== null);
    }
    // The combinations reach every kind the filter names, and the rules that clear a supplier.
    const kinds = new Set(items.map((i) => i.wouldDecide));
    expect([...kinds].sort()).toEqual(['DELIST', 'PENALTY', 'WARNING', null].sort());
  });

  it('atRisk=true lists exactly the suppliers the sanction rule would sanction, false the others', async () => {
    const risky = raw.filter((r) => riskOfRaw(r) !== null).map((r) => r.id);
    expect(risky.length).toBeGreaterThan(50);
    expect((await all('atRisk=true', admin, 40)).map((i) => i.id)).toEqual(risky);
    expect((await all('atRisk=false')).map((i) => i.id)).toEqual(raw.filter((r) => riskOfRaw(r) === null).map((r) => r.id));
  });

  it('q finds a case-insensitive substring of name, externalRef or city, taking % and _ literally', async () => {
    const expected = (q: string) =>
      raw.filter((r) => [r.name, r.external_ref, r.city ?? ''].some((v) => v.toLowerCase().includes(q.toLowerCase()))).map((r) => r.id);
    for (const q of ['russo', 'RUSSO', 'htl-', 'rome', '100%', 'sea_v', 'Generated 0001']) {
      const found = (await all(`q=${encodeURIComponent(q)}`)).map((i) => i.id);
      expect(found, q).toEqual(expected(q));
    }
    expect(expected('russo')).toHaveLength(3);
    expect(await all('q=' + encodeURIComponent('1_0%'))).toEqual([]);
    expect((await all('q=russo&category=hotel')).map((i) => i.name)).toEqual(['Hotel Russo Palace', 'Albergo Centrale']);
  });

  it('filters by probation and hold ending before a date', async () => {
    const before = addDays(today, 1);
    expect((await all(`probationEndsBefore=${before}`)).map((i) => i.id)).toEqual(
      raw.filter((r) => r.probation_ends_at !== null && r.probation_ends_at < before).map((r) => r.id),
    );
    const holdBefore = addDays(today, 2);
    expect((await all(`holdEndsBefore=${holdBefore}&status=ACTIVE`)).map((i) => i.id)).toEqual(
      raw.filter((r) => r.hold_until !== null && r.hold_until < holdBefore && r.status === 'ACTIVE').map((r) => r.id),
    );
  });

  it('sorts by rate both ways, tier, probation end and name, pages joining without gap or repeat', async () => {
    const rate = (r: Raw) => latestRate.get(r.id)?.rate ?? null;
    const bySeq = (a: Raw, b: Raw) => Number(a.seq) - Number(b.seq);
    const nullsLast =
      <T>(f: (r: Raw) => T | null, cmp: (a: T, b: T) => number) =>
      (a: Raw, b: Raw) => {
        const x = f(a);
        const y = f(b);
        if (x === null || y === null) return x === y ? bySeq(a, b) : x === null ? 1 : -1;
        return cmp(x, y) || bySeq(a, b);
      };
    const TIER_ORDER = ['POOR', 'WATCH', 'GOOD', 'EXCELLENT', 'INSUFFICIENT_DATA'];
    const expected: Record<string, (a: Raw, b: Raw) => number> = {
      rate: nullsLast(rate, (x, y) => x - y),
      '-rate': nullsLast(rate, (x, y) => y - x),
      tier: nullsLast(
        (r) => (r.tier === null ? null : TIER_ORDER.indexOf(r.tier)),
        (x, y) => x - y,
      ),
      probationEndsAt: nullsLast(
        (r) => r.probation_ends_at,
        (x, y) => (x < y ? -1 : x > y ? 1 : 0),
      ),
      name: (a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : bySeq(a, b)),
    };
    for (const [sort, cmp] of Object.entries(expected)) {
      const got = await all(`sort=${encodeURIComponent(sort)}&category=hotel`, admin, 211);
      expect(
        got.map((i) => i.id),
        sort,
      ).toEqual(
        [...raw]
          .filter((r) => r.category === 'hotel')
          .sort(cmp)
          .map((r) => r.id),
      );
    }
  });

  it('a category manager sees only its categories; other roles and categories are refused', async () => {
    const tourManager = t.token('category_manager', { categories: ['tour'] });
    expect((await all('', tourManager)).map((i) => i.name)).toEqual(['Dolomiti Walks']);
    expectProblem(await t.http().get('/v1/suppliers?category=hotel').set(bearer(tourManager)), 403);
    for (const token of [
      t.token('mystery_shopper', { shopperId: '01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f71' }),
      t.token('supplier', { supplierId: raw[0].id }),
    ]) {
      expectProblem(await t.http().get('/v1/suppliers').set(bearer(token)), 403);
      expectProblem(await t.http().get('/v1/suppliers').set(bearer(token)).set('Accept', 'text/csv'), 403);
    }
  });

  it('refuses bad parameters naming them, and a cursor of another sort', async () => {
    const fieldOf = async (query: string) => {
      const res = await t.http().get(`/v1/suppliers?${query}`).set(bearer(admin));
      expect(res.status, query).toBe(400);
      return (res.body.errors as Array<{ field: string }>).map((e) => e.field);
    };
    expect(await fieldOf('sort=price')).toEqual(['sort']);
    expect(await fieldOf('probationEndsBefore=2026-02-30')).toEqual(['probationEndsBefore']);
    expect(await fieldOf('holdEndsBefore=soon')).toEqual(['holdEndsBefore']);
    expect(await fieldOf('atRisk=yes')).toEqual(['atRisk']);
    expect(await fieldOf('q=%20%20')).toEqual(['q']);
    expect(await fieldOf(`q=${'x'.repeat(201)}`)).toEqual(['q']);
    const page = await t.http().get('/v1/suppliers?sort=rate&limit=2').set(bearer(admin)).expect(200);
    expect(await fieldOf(`sort=name&cursor=${page.body.nextCursor as string}`)).toEqual(['cursor']);
    expect(await fieldOf(`cursor=${page.body.nextCursor as string}`)).toEqual(['cursor']);
    const forged = Buffer.from('o:["rate","x","1"]').toString('base64url');
    expect(await fieldOf(`sort=rate&cursor=${forged}`)).toEqual(['cursor']);
  });

  it('exports the whole filtered, sorted list as CSV that parses back to the JSON items', async () => {
    const query = 'atRisk=true&sort=-rate';
    const json = await all(query, admin, 500);
    const res = await t.http().get(`/v1/suppliers?${query}&limit=5`).set(bearer(admin)).set('Accept', 'text/csv').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="suppliers.csv"');
    const rows = parse(res.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(json.length);
    const cell = (v: unknown) => (v === null ? '' : Array.isArray(v) ? v.join('|') : String(v));
    rows.forEach((row, i) => {
      const item = json[i] as unknown as Record<string, unknown>;
      expect(Object.keys(row).sort()).toEqual(Object.keys(item).sort());
      for (const key of Object.keys(row)) expect(row[key], `${i} ${key}`).toBe(cell(item[key]));
    });
  });
});
