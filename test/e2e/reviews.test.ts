import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSupplier, expectProblem, publishPolicy, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** The roll-ups must always equal a recount of the non-excluded reviews. */
async function expectRollupsConsistent(t: TestApp): Promise<void> {
  const { rows } = await t.db.query(`
    WITH truth AS (
      SELECT supplier_id, (reviewed_at AT TIME ZONE 'UTC')::date AS day, rating, count(*)::int AS n
        FROM reviews WHERE excluded_at IS NULL GROUP BY 1, 2, 3),
    kept AS (SELECT supplier_id, day, rating, n FROM review_daily_rollups WHERE n <> 0)
    SELECT count(*)::int AS mismatches FROM truth FULL JOIN kept USING (supplier_id, day, rating)
     WHERE truth.n IS DISTINCT FROM kept.n`);
  expect(rows[0].mismatches).toBe(0);
}

describe('review batches', () => {
  let t: TestApp;
  let integration: string;
  let s1: SupplierBody;
  let s2: SupplierBody;
  beforeAll(async () => {
    t = await startTestApp();
    integration = t.token('integration');
    await publishPolicy(t, 'hotel');
    s1 = await createSupplier(t, { externalRef: 'H-1' });
    s2 = await createSupplier(t, { externalRef: 'H-2' });
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (reviews: unknown) => t.http().post('/v1/reviews/batch').set(bearer(integration)).send({ reviews });

  it('stores the good items and reports each bad one with its index and reasons', async () => {
    const res = await post([
      { externalId: 'm-1', supplierRef: 'H-1', rating: 5, reviewedAt: '2026-10-01T10:00:00Z' },
      { externalId: 'm-2', supplierRef: 'H-1', rating: 4.1, reviewedAt: '2026-10-01T10:00:00Z' },
      { externalId: 'm-3', supplierId: s2.id, rating: 2, reviewedAt: '2026-10-02T10:00:00Z', title: 'Meh', text: 'Cold room' },
      { externalId: 'm-4', supplierRef: 'NOPE', rating: 5, reviewedAt: '2026-10-01T10:00:00Z' },
      { externalId: 'm-5', supplierRef: 'H-1', rating: 5, reviewedAt: '2999-01-01T00:00:00Z' },
      { externalId: 'm-6', supplierRef: 'H-1', rating: 5 },
      { externalId: 'm-1', supplierRef: 'H-1', rating: 3, reviewedAt: '2026-10-01T10:00:00Z' },
      'not an object',
    ]).expect(200);
    expect(res.body).toEqual({
      accepted: 2,
      duplicates: 0,
      updated: 0,
      rejected: [
        { index: 1, externalId: 'm-2', errors: [{ field: 'rating', message: 'must be an integer from 1 to 5' }] },
        { index: 3, externalId: 'm-4', errors: [{ field: 'supplierRef', message: 'no supplier has this externalRef' }] },
        { index: 4, externalId: 'm-5', errors: [{ field: 'reviewedAt', message: 'must not be in the future' }] },
        { index: 5, externalId: 'm-6', errors: [{ field: 'reviewedAt', message: 'is required' }] },
        { index: 6, externalId: 'm-1', errors: [{ field: 'externalId', message: 'repeats item 0 of this batch' }] },
        { index: 7, externalId: null, errors: [{ field: '', message: 'must be an object' }] },
      ],
    });
    const { rows } = await t.db.query(
      `SELECT external_id, supplier_id, rating, title, body FROM reviews WHERE external_id LIKE 'm-%' ORDER BY 1`,
    );
    expect(rows).toEqual([
      { external_id: 'm-1', supplier_id: s1.id, rating: 5, title: null, body: null },
      { external_id: 'm-3', supplier_id: s2.id, rating: 2, title: 'Meh', body: 'Cold room' },
    ]);
    await expectRollupsConsistent(t);
  });

  it('a repeated batch is all duplicates and changes nothing', async () => {
    const batch = [
      { externalId: 'd-1', supplierRef: 'H-1', rating: 5, reviewedAt: '2026-09-01T00:00:00Z', text: 'Lovely' },
      { externalId: 'd-2', supplierRef: 'H-1', rating: 1, reviewedAt: '2026-09-02T00:00:00Z' },
    ];
    expect((await post(batch).expect(200)).body).toMatchObject({ accepted: 2, duplicates: 0, updated: 0 });
    const before = await t.db.query(`SELECT * FROM review_daily_rollups ORDER BY 1, 2, 3`);
    expect((await post(batch).expect(200)).body).toEqual({ accepted: 0, duplicates: 2, updated: 0, rejected: [] });
    const after = await t.db.query(`SELECT * FROM review_daily_rollups ORDER BY 1, 2, 3`);
    expect(after.rows).toEqual(before.rows);
  });

  it('stores any text exactly as sent (commas, quotes, backslashes, braces, line breaks, empty and omitted), also in a batch mixing new and known reviews', async () => {
    const odd = [
      {
        externalId: 'x,1 "a"',
        supplierRef: 'H-1',
        rating: 4,
        reviewedAt: '2026-09-03T00:00:00Z',
        title: 'Nice, "really"',
        text: 'Line one,\nline two\\n {NULL} ñandú 日本 😀',
        productRef: 'room,12',
      },
      { externalId: 'x\\2', supplierRef: 'H-2', rating: 2, reviewedAt: '2026-09-04T00:00:00Z', title: '', text: 'NULL' },
    ];
    expect((await post(odd).expect(200)).body).toMatchObject({ accepted: 2, duplicates: 0 });
    // A supplier's externalRef may hold commas and quotes too.
    const odd3 = await createSupplier(t, { externalRef: 'H,3 "x" \\' });
    const fresh = { externalId: 'x,3', supplierRef: odd3.externalRef, rating: 5, reviewedAt: '2026-09-05T00:00:00Z', text: ',' };
    expect((await post([odd[1], fresh, odd[0]]).expect(200)).body).toEqual({ accepted: 1, duplicates: 2, updated: 0, rejected: [] });
    const { rows } = await t.db.query(
      `SELECT external_id, supplier_id, title, body, product_ref FROM reviews WHERE external_id LIKE 'x%' ORDER BY external_id COLLATE "C"`,
    );
    expect(rows).toEqual([
      { external_id: 'x,1 "a"', supplier_id: s1.id, title: odd[0].title, body: odd[0].text, product_ref: 'room,12' },
      { external_id: 'x,3', supplier_id: odd3.id, title: null, body: ',', product_ref: null },
      { external_id: 'x\\2', supplier_id: s2.id, title: null, body: 'NULL', product_ref: null },
    ]);
    await expectRollupsConsistent(t);
  });

  it('a changed repeat is an update and the windows follow the new value', async () => {
    await post([{ externalId: 'u-1', supplierRef: 'H-2', rating: 5, reviewedAt: '2026-11-01T00:00:00Z' }]).expect(200);
    const card = async () =>
      (
        await t
          .http()
          .get(`/v1/suppliers/${s2.id}/scorecard?asOf=2026-11-20`)
          .set(bearer(t.token('admin')))
          .expect(200)
      ).body.windows[0];
    expect(await card()).toMatchObject({ days: 30, n: 1, positives: 1 });
    const res = await post([{ externalId: 'u-1', supplierRef: 'H-2', rating: 2, reviewedAt: '2026-11-01T00:00:00Z' }]).expect(200);
    expect(res.body).toEqual({ accepted: 0, duplicates: 0, updated: 1, rejected: [] });
    expect(await card()).toMatchObject({ days: 30, n: 1, positives: 0 });
    // Moving it out of the window and to another supplier takes it out of both windows.
    await post([{ externalId: 'u-1', supplierRef: 'H-1', rating: 2, reviewedAt: '2025-01-01T00:00:00Z' }]).expect(200);
    expect(await card()).toMatchObject({ days: 30, n: 0, positives: 0, rawRate: null, wilsonLower: null });
    await expectRollupsConsistent(t);
  });

  it('the same externalId from another source is another review', async () => {
    const res = await post([
      { source: 'partner-x', externalId: 'd-1', supplierRef: 'H-1', rating: 5, reviewedAt: '2026-09-01T00:00:00Z' },
    ]).expect(200);
    expect(res.body.accepted).toBe(1);
  });

  it('concurrent overlapping batches store each review exactly once', async () => {
    const make = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({
        externalId: `c-${from + i}`,
        supplierRef: (from + i) % 2 ? 'H-1' : 'H-2',
        rating: ((from + i) % 5) + 1,
        reviewedAt: `2026-08-${String(((from + i) % 28) + 1).padStart(2, '0')}T12:00:00Z`,
      }));
    const batches = [make(0, 600), make(300, 900), make(0, 900), make(600, 1000)];
    const results = await Promise.all(batches.map((b) => post(b)));
    for (const r of results) expect(r.status).toBe(200);
    const accepted = results.reduce((a, r) => a + r.body.accepted, 0);
    const duplicates = results.reduce((a, r) => a + r.body.duplicates, 0);
    expect(accepted).toBe(1000);
    expect(accepted + duplicates).toBe(600 + 600 + 900 + 400);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS d FROM reviews WHERE external_id LIKE 'c-%'`,
    );
    expect(rows[0]).toEqual({ n: 1000, d: 1000 });
    await expectRollupsConsistent(t);
  });

  it('more than 5,000 items is 413 and stores nothing', async () => {
    const items = Array.from({ length: 5001 }, (_, i) => ({
      externalId: `big-${i}`,
      supplierRef: 'H-1',
      rating: 5,
      reviewedAt: '2026-01-01',
    }));
    expectProblem(await post(items), 413);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM reviews WHERE external_id LIKE 'big-%'`);
    expect(rows[0].n).toBe(0);
  });

  it('exactly 5,000 items is accepted in one transaction', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({
      externalId: `full-${i}`,
      supplierRef: 'H-2',
      rating: 4,
      reviewedAt: '2026-02-01T00:00:00Z',
      text: 'x'.repeat(200),
    }));
    expect((await post(items).expect(200)).body).toMatchObject({ accepted: 5000, rejected: [] });
  });

  it.each([
    ['no reviews field', {}],
    ['reviews not an array', { reviews: { externalId: 'x' } }],
    ['an extra top-level field', { reviews: [], dryRun: true }],
  ])('%s is 400', async (_, body) => {
    expectProblem(await t.http().post('/v1/reviews/batch').set(bearer(integration)).send(body), 400);
  });

  it('a JSON array as the body is 400', async () => {
    expectProblem(
      await t
        .http()
        .post('/v1/reviews/batch')
        .set(bearer(integration))
        .send([{ externalId: 'x' }]),
      400,
    );
  });

  it('an empty batch is fine and does nothing', async () => {
    expect((await post([]).expect(200)).body).toEqual({ accepted: 0, duplicates: 0, updated: 0, rejected: [] });
  });

  it('managers and shoppers may not push reviews', async () => {
    expectProblem(
      await t
        .http()
        .post('/v1/reviews/batch')
        .set(bearer(t.token('category_manager')))
        .send({ reviews: [] }),
      403,
    );
  });
});
