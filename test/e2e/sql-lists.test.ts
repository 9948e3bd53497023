import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { opaqueIdList, sqlList, sqlTextList, textList } from '../../src/database/sql-list.js';

/** The list parameters PostgreSQL reads back exactly what was written. */
describe('list parameters read by PostgreSQL', () => {
  const client = new pg.Client({ connectionString: inject('pgServerUrl') });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it('a text list keeps commas, quotes, braces, backslashes, JSON, non-Latin text, empty strings and nulls', async () => {
    const values = [
      'Rate 92.3% over the last 90 days (12/13 positive), "quoted"',
      '{"a":[1,2],"b":"x\\ny"}',
      'back\\slash {brace}',
      'Привет, 世界',
      '',
      null,
      'NULL',
    ];
    const { rows } = await client.query<{ items: Array<string | null> }>(`SELECT ${textList(1)} AS items`, [sqlTextList(values)]);
    expect(rows[0].items).toEqual(values);
  });

  it('an opaque id list reads back the ids, and its elements are hidden from the planner', async () => {
    const ids = ['0190f3a2-0000-7000-8000-000000000001', '0190f3a2-0000-7000-8000-000000000002', '0190f3a2-0000-7000-8000-000000000003'];
    const { rows } = await client.query<{ items: string[] }>(`SELECT ${opaqueIdList(1)} AS items`, [sqlList(ids)]);
    expect(rows[0].items).toEqual(ids);
    // A subquery the plan runs once: the planner estimates the filter without the 3 elements.
    const plan = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT * FROM (VALUES ('${ids[0]}'::uuid)) v(id) WHERE id = ANY(${opaqueIdList(1)})`.replace('$1', `'${sqlList(ids)}'`),
    );
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/InitPlan/);
  });

  it('a text list of one empty string is one item, and an empty list is empty', async () => {
    const { rows } = await client.query<{ one: string[]; none: string[] }>(`SELECT ${textList(1)} AS one, ${textList(2)} AS none`, [
      sqlTextList(['']),
      sqlTextList([]),
    ]);
    expect(rows[0].one).toEqual(['']);
    expect(rows[0].none).toEqual([]);
  });

  it('JSON text from a text list casts to the same jsonb', async () => {
    const evidence = { n: 13, rate: 0.9230769230769231, note: 'a\u001eb, "c"', nested: { reward: 0.95 } };
    const { rows } = await client.query<{ evidence: unknown }>(`SELECT (${textList(1)})[1]::jsonb AS evidence`, [
      sqlTextList([JSON.stringify(evidence)]),
    ]);
    expect(rows[0].evidence).toEqual(evidence);
  });

  it('a plain list reads empty items as NULL', async () => {
    const { rows } = await client.query<{ items: Array<number | null> }>(`SELECT string_to_array($1, ',', '')::int[] AS items`, [
      sqlList([3, null, 0]),
    ]);
    expect(rows[0].items).toEqual([3, null, 0]);
  });
});
