import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addDays, todayUtc } from '../../src/common/time/dates.js';
import { DecisionFeedRepository } from '../../src/decisions/decision-feed.repository.js';
import { allPages, expectProblem, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** GET /v1/decisions (issue 19): the decision log across suppliers, held against the raw rows the test wrote. */

interface Raw {
  id: string;
  supplier_id: string;
  name: string;
  category: string;
  kind: string;
  day: string;
}

const today = todayUtc();
const KINDS = ['PENALTY', 'WARNING', 'REWARD', 'DELIST', 'OVERRIDE'];

describe('decision feed', () => {
  let t: TestApp;
  let admin: string;
  let raw: Raw[];

  function all(query: string, token = admin, limit = 500): Promise<Array<Record<string, unknown>>> {
    return allPages<Record<string, unknown>>(t, '/v1/decisions', query, token, limit);
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour');
    await t.db.query(
      `INSERT INTO suppliers (external_ref, name, category, status)
       SELECT 'S-' || i, CASE WHEN i % 2 = 0 THEN 'Hotel ' ELSE 'Tour ' END || i, CASE WHEN i % 2 = 0 THEN 'hotel' ELSE 'tour' END, 'ACTIVE'
         FROM generate_series(1, 12) i`,
    );
    // 300 decisions over the last 10 days, several in the same instant (as a run's batch writes them).
    await t.db.query(
      `INSERT INTO decisions (supplier_id, kind, from_status, to_status, as_of, policy_version, evidence, reason, actor, created_at)
       SELECT s.id, ($1::text[])[1 + i % 5], 'ACTIVE', 'ACTIVE', current_date - (i % 10), 1, json_build_object('n', i), 'Reason ' || i,
              'manager@example.com', date_trunc('day', now()) - ((i % 10) || ' days')::interval + ((i / 3) || ' minutes')::interval
         FROM generate_series(1, 300) i JOIN LATERAL (SELECT id FROM suppliers ORDER BY seq OFFSET i % 12 LIMIT 1) s ON true`,
      [KINDS],
    );
    raw = (
      await t.db.query<Raw>(
        `SELECT d.id, d.supplier_id, s.name, s.category, d.kind, to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day
           FROM decisions d JOIN suppliers s ON s.id = d.supplier_id ORDER BY d.created_at DESC, d.seq DESC`,
      )
    ).rows;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every decision once, newest first, each as the supplier’s list shows it plus supplierName', async () => {
    const items = await all('', admin, 37);
    expect(items.map((i) => i.id)).toEqual(raw.map((r) => r.id));
    expect(items.map((i) => i.supplierName)).toEqual(raw.map((r) => r.name));
    const one = raw[5];
    const own = await t.http().get(`/v1/suppliers/${one.supplier_id}/decisions?limit=500`).set(bearer(admin)).expect(200);
    const mine = (own.body.items as Array<Record<string, unknown>>).find((d) => d.id === one.id);
    expect(items[5]).toEqual({ ...mine, supplierName: one.name });
  });

  it('filters by category, kind, supplier and an inclusive period of createdAt dates', async () => {
    const from = addDays(today, -4);
    const to = addDays(today, -2);
    const cases: Array<[string, (r: Raw) => boolean]> = [
      ['category=tour', (r) => r.category === 'tour'],
      ['kind=PENALTY', (r) => r.kind === 'PENALTY'],
      [`supplierId=${raw[0].supplier_id}`, (r) => r.supplier_id === raw[0].supplier_id],
      [`from=${from}&to=${to}`, (r) => r.day >= from && r.day <= to],
      [`from=${today}`, (r) => r.day === today],
      [
        `to=${addDays(today, -1)}&category=hotel&kind=WARNING`,
        (r) => r.day <= addDays(today, -1) && r.category === 'hotel' && r.kind === 'WARNING',
      ],
    ];
    for (const [query, keep] of cases) {
      const expected = raw.filter(keep).map((r) => r.id);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(
        (await all(query, admin, 7)).map((i) => i.id),
        query,
      ).toEqual(expected);
    }
  });

  it('a category manager reads only its categories; shoppers, suppliers and integrations are refused', async () => {
    const tourManager = t.token('category_manager', { categories: ['tour'] });
    expect((await all('', tourManager)).map((i) => i.id)).toEqual(raw.filter((r) => r.category === 'tour').map((r) => r.id));
    expectProblem(await t.http().get('/v1/decisions?category=hotel').set(bearer(tourManager)), 403);
    const hotelSupplier = raw.find((r) => r.category === 'hotel')!.supplier_id;
    expectProblem(await t.http().get(`/v1/decisions?supplierId=${hotelSupplier}`).set(bearer(tourManager)), 403);
    for (const token of [
      t.token('integration'),
      t.token('mystery_shopper', { shopperId: '01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f71' }),
      t.token('supplier', { supplierId: hotelSupplier }),
    ]) {
      expectProblem(await t.http().get('/v1/decisions').set(bearer(token)), 403);
    }
  });

  it('refuses bad parameters naming them', async () => {
    const problem = async (query: string, status: number) => {
      const res = await t.http().get(`/v1/decisions?${query}`).set(bearer(admin));
      expectProblem(res, status);
      return (res.body.errors as Array<{ field: string }> | undefined)?.map((e) => e.field);
    };
    expect(await problem('from=2026-02-30', 400)).toEqual(['from']);
    expect(await problem('to=yesterday', 400)).toEqual(['to']);
    expect(await problem('kind=PRAISE', 400)).toEqual(['kind']);
    expect(await problem('supplierId=42', 400)).toEqual(['supplierId']);
    expect(await problem(`from=${today}&to=${addDays(today, -1)}`, 422)).toEqual(['to']);
    expect(await problem(`from=${addDays(today, 1)}`, 422)).toEqual(['from']);
    expect(await problem('from=1999-12-31', 422)).toEqual(['from']);
    expect(await problem(`cursor=${Buffer.from('o:["createdAt","soon","1"]').toString('base64url')}`, 400)).toEqual(['cursor']);
    expect(await problem(`cursor=${Buffer.from('k:5').toString('base64url')}`, 400)).toEqual(['cursor']);
    await problem('supplierId=01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f70', 404);
  });

  it('exports the whole filtered feed as CSV that parses back to the JSON items', async () => {
    const json = await all('category=hotel');
    const res = await t.http().get('/v1/decisions?category=hotel&limit=3').set(bearer(admin)).set('Accept', 'text/csv').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parse(res.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(json.length);
    rows.forEach((row, i) => {
      const item = json[i];
      expect(Object.keys(row).sort()).toEqual(Object.keys(item).sort());
      for (const key of Object.keys(row)) {
        const v = item[key];
        expect(row[key], `${i} ${key}`).toBe(v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
    });
  });

  it('walks decisions_feed_idx on 100,000 decisions, with a category and a period', async () => {
    await t.db.query(
      `INSERT INTO decisions (supplier_id, kind, from_status, to_status, as_of, policy_version, evidence, reason, actor, created_at)
       SELECT s.id, 'OVERRIDE', 'ACTIVE', 'ACTIVE', current_date, 1, '{}', 'Bulk', 'manager@example.com', now() - (i || ' seconds')::interval
         FROM generate_series(1, 100000) i JOIN LATERAL (SELECT id FROM suppliers ORDER BY seq OFFSET i % 12 LIMIT 1) s ON true`,
    );
    await t.db.query('ANALYZE decisions');
    await t.db.query('ANALYZE suppliers');
    const repository = t.app.get(DecisionFeedRepository);
    const source = (repository as unknown as { dataSource: { query: (sql: string, params: unknown[]) => Promise<unknown> } }).dataSource;
    const query = source.query.bind(source);
    const plans: string[] = [];
    source.query = async (sql: string, params: unknown[]) => {
      const [row] = (await query(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as Array<{ 'QUERY PLAN': unknown }>;
      plans.push(JSON.stringify(row['QUERY PLAN']));
      return [];
    };
    try {
      await t
        .http()
        .get(`/v1/decisions?category=hotel&from=${addDays(today, -1)}&to=${today}`)
        .set(bearer(admin))
        .expect(200);
      await t.http().get('/v1/decisions?limit=50').set(bearer(admin)).expect(200);
    } finally {
      source.query = query;
    }
    expect(plans).toHaveLength(2);
    type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
    const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
    for (const plan of plans) {
      const all = nodes((JSON.parse(plan) as Array<{ Plan: PlanNode }>)[0].Plan);
      expect(
        all.some((n) => n['Index Name'] === 'decisions_feed_idx'),
        plan,
      ).toBe(true);
      expect(all.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'decisions')).toEqual([]);
    }
  }, 120_000);
});
