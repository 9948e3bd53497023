import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSupplier, expectProblem, publishPolicy, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

describe('POST /v1/order-volumes: the daily order counts, the complaint rate denominator', () => {
  let t: TestApp;
  let a: SupplierBody;
  let b: SupplierBody;
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  const send = (volumes: unknown, token = t.token('integration')) =>
    t.http().post('/v1/order-volumes').set(bearer(token)).send({ volumes });
  async function stored(supplierId: string) {
    const { rows } = await t.db.query<{ day: string; orders: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, orders FROM order_volumes WHERE supplier_id = $1 ORDER BY day`,
      [supplierId],
    );
    return rows;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'hotel');
    a = await createSupplier(t, { externalRef: 'OV-A' });
    b = await createSupplier(t, { externalRef: 'OV-B' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores counts by supplierId or supplierRef; the last count sent for a day stands', async () => {
    const first = await send([
      { supplierRef: 'OV-A', day: '2026-11-01', orders: 10 },
      { supplierId: a.id, day: '2026-11-02', orders: 0 },
      { supplierRef: 'OV-B', day: '2026-11-01', orders: 7 },
    ]).expect(200);
    expect(first.body).toEqual({ stored: 3, rejected: [] });
    const again = await send([{ supplierRef: 'OV-A', day: '2026-11-01', orders: 12 }], t.token('admin')).expect(200);
    expect(again.body).toEqual({ stored: 1, rejected: [] });
    expect(await stored(a.id)).toEqual([
      { day: '2026-11-01', orders: 12 },
      { day: '2026-11-02', orders: 0 },
    ]);
    expect(await stored(b.id)).toEqual([{ day: '2026-11-01', orders: 7 }]);
  });

  it('the same supplier and day twice in one batch: the later item wins (by id or by ref alike)', async () => {
    const res = await send([
      { supplierRef: 'OV-B', day: '2026-11-03', orders: 5 },
      { supplierId: b.id, day: '2026-11-03', orders: 9 },
      { supplierRef: 'OV-B', day: '2026-11-04', orders: 1 },
      { supplierRef: 'OV-B', day: '2026-11-04', orders: 2 },
    ]).expect(200);
    expect(res.body).toEqual({ stored: 4, rejected: [] });
    expect(await stored(b.id)).toEqual([
      { day: '2026-11-01', orders: 7 },
      { day: '2026-11-03', orders: 9 },
      { day: '2026-11-04', orders: 2 },
    ]);
  });

  it('rejects bad items one by one with their index and reasons, and stores the rest', async () => {
    const res = await send([
      { supplierRef: 'OV-A', day: '2026-02-29', orders: 1 },
      { supplierRef: 'OV-A', day: tomorrow, orders: 1 },
      { supplierRef: 'OV-A', day: '1999-12-31', orders: 1 },
      { supplierRef: 'OV-A', day: '2026-11-05', orders: -1 },
      { supplierRef: 'OV-A', day: '2026-11-05', orders: 2.5 },
      { supplierRef: 'NO-SUCH', day: '2026-11-05', orders: 1 },
      { supplierId: '01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f70', day: '2026-11-05', orders: 1 },
      { supplierRef: 'OV-A', day: today, orders: 3 },
      'not an object',
      { supplierRef: 'OV-A', day: '2026-11-06', orders: 1, note: 'x' },
    ]).expect(200);
    expect(res.body.stored).toBe(1);
    expect(res.body.rejected).toEqual([
      { index: 0, errors: [{ field: 'day', message: 'February 2026 has 28 days' }] },
      { index: 1, errors: [{ field: 'day', message: `must not be after today (${today}, UTC)` }] },
      { index: 2, errors: [{ field: 'day', message: 'must not be before 2000-01-01' }] },
      { index: 3, errors: [{ field: 'orders', message: 'must be an integer from 0 to 1000000' }] },
      { index: 4, errors: [{ field: 'orders', message: 'must be an integer from 0 to 1000000' }] },
      { index: 5, errors: [{ field: 'supplierRef', message: 'no supplier has this externalRef' }] },
      { index: 6, errors: [{ field: 'supplierId', message: 'no supplier has this id' }] },
      { index: 8, errors: [{ field: '', message: 'must be an object' }] },
      { index: 9, errors: [{ field: 'note', message: 'is not a known field' }] },
    ]);
    expect((await stored(a.id)).map((r) => r.day)).toEqual(['2026-11-01', '2026-11-02', today]);
  });

  it('refuses a body without volumes (400) and more than 5,000 items (413), storing nothing', async () => {
    const none = expectProblem(
      await t
        .http()
        .post('/v1/order-volumes')
        .set(bearer(t.token('integration')))
        .send({}),
      400,
    );
    expect(none.errors).toEqual([{ field: 'volumes', message: 'is required' }]);
    const odd = expectProblem(await send('many'), 400);
    expect(odd.errors).toEqual([{ field: 'volumes', message: 'must be an array' }]);
    const big = Array.from({ length: 5001 }, (_, i) => ({ supplierRef: 'OV-A', day: '2026-10-01', orders: i }));
    const tooMany = expectProblem(await send(big), 413);
    expect(tooMany.errors).toEqual([{ field: 'volumes', message: 'must hold at most 5000 items' }]);
    expect((await stored(a.id)).map((r) => r.day)).not.toContain('2026-10-01');
  });

  it('takes 5,000 items in one batch', async () => {
    const start = Date.parse('2010-01-01T00:00:00Z');
    const volumes = Array.from({ length: 5000 }, (_, i) => ({
      supplierRef: i % 2 === 0 ? 'OV-A' : 'OV-B',
      day: new Date(start + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10),
      orders: i,
    }));
    expect((await send(volumes).expect(200)).body).toEqual({ stored: 5000, rejected: [] });
  });

  it('answers 401 without a token and 403 to the roles that may not send orders', async () => {
    const item = [{ supplierRef: 'OV-A', day: '2026-11-07', orders: 1 }];
    expectProblem(await t.http().post('/v1/order-volumes').send({ volumes: item }), 401);
    expectProblem(await send(item, t.token('category_manager', { categories: ['hotel'] })), 403);
    expectProblem(await send(item, t.token('category_manager')), 403);
    expectProblem(await send(item, t.token('mystery_shopper', { shopperId: '01937e10-3d46-7c36-a4a5-8b1c2d3e4f50' })), 403);
    // A supplier does not report its own orders: the booking system does.
    expectProblem(await send(item, t.token('supplier', { supplierId: a.id })), 403);
    expect((await stored(a.id)).map((r) => r.day)).not.toContain('2026-11-07');
  });
});
