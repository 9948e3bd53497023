import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSupplier, expectProblem, forceStatus, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

describe('suppliers', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour');
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates an APPLICANT with no tier and reads it back', async () => {
    const created = await createSupplier(t, {
      externalRef: 'HTL-1',
      name: ' Hotel Russo Palace ',
      city: 'Venice',
      themes: ['Beach', 'beach', 'family'],
    });
    expect(created).toMatchObject({
      externalRef: 'HTL-1',
      name: 'Hotel Russo Palace',
      category: 'hotel',
      city: 'Venice',
      themes: ['beach', 'family'],
      status: 'APPLICANT',
      tier: null,
      probationEndsAt: null,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const got = await t.http().get(`/v1/suppliers/${created.id}`).set(bearer(admin)).expect(200);
    expect(got.body).toEqual(created);
  });

  it('new suppliers get time-ordered ids (version 7 UUIDs): made later, sorted later', async () => {
    const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const made: string[] = [];
    for (const i of [1, 2, 3]) made.push((await createSupplier(t, { externalRef: `ORD-${i}` })).id);
    for (const id of made) expect(id).toMatch(V7);
    expect([...made].sort()).toEqual(made);
    const { rows } = await t.db.query<{ ordered: boolean }>(
      `SELECT array_agg(id ORDER BY id) = array_agg(id ORDER BY seq) AS ordered FROM suppliers WHERE id = ANY($1)`,
      [made],
    );
    expect(rows[0].ordered).toBe(true);
    // Suppliers made by one statement (bulk imports) as well: each id carries the millisecond it was made.
    const bulk = await t.db.query<{ id: string; seq: string }>(
      `INSERT INTO suppliers (external_ref, name, category) SELECT 'ORD-BULK-' || g, 'x', 'hotel' FROM generate_series(1, 500) g RETURNING id, seq`,
    );
    const byseq = [...bulk.rows].sort((a, b) => Number(a.seq) - Number(b.seq));
    const millis = byseq.map((r) => parseInt(r.id.replace(/-/g, '').slice(0, 12), 16));
    for (const r of byseq) expect(r.id).toMatch(V7);
    expect([...millis].sort((a, b) => a - b)).toEqual(millis);
    expect(Math.abs(millis[0] - Date.now())).toBeLessThan(60_000);
  });

  it('a repeated externalRef is 409, also when two requests race', async () => {
    await createSupplier(t, { externalRef: 'DUP-1' });
    const res = await t.http().post('/v1/suppliers').set(bearer(admin)).send({ externalRef: 'DUP-1', name: 'x', category: 'hotel' });
    expect(expectProblem(res, 409).errors?.[0].field).toBe('externalRef');
    const racing = await Promise.all(
      [1, 2, 3].map(() => t.http().post('/v1/suppliers').set(bearer(admin)).send({ externalRef: 'RACE-1', name: 'x', category: 'hotel' })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('a category without a policy is 422', async () => {
    const res = await t.http().post('/v1/suppliers').set(bearer(admin)).send({ externalRef: 'X-1', name: 'x', category: 'spaceflight' });
    expect(expectProblem(res, 422).errors).toEqual([{ field: 'category', message: 'has no policy' }]);
  });

  it('missing, blank or wrongly typed fields are 400 naming each field', async () => {
    const res = await t.http().post('/v1/suppliers').set(bearer(admin)).send({ externalRef: 42, name: '   ', themes: 'beach' });
    const fields = expectProblem(res, 400).errors?.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['externalRef', 'name', 'category', 'themes']));
  });

  it('unknown and malformed ids are 404 and 400', async () => {
    expectProblem(await t.http().get('/v1/suppliers/00000000-0000-4000-8000-000000000000').set(bearer(admin)), 404);
    expect(expectProblem(await t.http().get('/v1/suppliers/not-a-uuid').set(bearer(admin)), 400).errors?.[0].field).toBe('id');
  });

  it('lists with filters and cursor pagination, oldest first, every supplier exactly once', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 7; i++) mine.push((await createSupplier(t, { category: 'tour', externalRef: `TOUR-${i}` })).id);
    await forceStatus(t, mine[2], 'ACTIVE');
    await t.db.query(`UPDATE suppliers SET tier = 'GOOD' WHERE id = $1`, [mine[3]]);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t
        .http()
        .get(`/v1/suppliers?category=tour&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .set(bearer(admin))
        .expect(200);
      seen.push(...res.body.items.map((s: { id: string }) => s.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(mine);
    expect(pages).toBe(3);

    const active = await t.http().get('/v1/suppliers?category=tour&status=ACTIVE').set(bearer(admin)).expect(200);
    expect(active.body.items.map((s: { id: string }) => s.id)).toEqual([mine[2]]);
    const good = await t.http().get('/v1/suppliers?tier=GOOD').set(bearer(admin)).expect(200);
    expect(good.body.items.map((s: { id: string }) => s.id)).toEqual([mine[3]]);
  });

  it.each([
    ['status=ALIVE', 'status'],
    ['tier=BEST', 'tier'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=garbage', 'cursor'],
    ['category=Not%20OK', 'category'],
  ])('a bad list query %s is 400 naming %s', async (query, field) => {
    const res = await t.http().get(`/v1/suppliers?${query}`).set(bearer(admin));
    expect(expectProblem(res, 400).errors?.map((e) => e.field)).toContain(field);
  });

  it('a category manager sees only their categories', async () => {
    const tourManager = t.token('category_manager', { categories: ['tour'] });
    const list = await t.http().get('/v1/suppliers?limit=500').set(bearer(tourManager)).expect(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((s: { category: string }) => s.category === 'tour')).toBe(true);
    expectProblem(await t.http().get('/v1/suppliers?category=hotel').set(bearer(tourManager)), 403);
    const hotel = await createSupplier(t, { category: 'hotel' });
    expectProblem(await t.http().get(`/v1/suppliers/${hotel.id}`).set(bearer(tourManager)), 403);
    expectProblem(
      await t.http().post('/v1/suppliers').set(bearer(tourManager)).send({ externalRef: 'TM-1', name: 'x', category: 'hotel' }),
      403,
    );
  });

  describe('manual status changes', () => {
    it('suspending an active supplier records an OVERRIDE decision with who, when, why, from and to', async () => {
      const s = await createSupplier(t);
      await forceStatus(t, s.id, 'ACTIVE');
      const res = await t
        .http()
        .post(`/v1/suppliers/${s.id}/status`)
        .set(bearer(t.token('category_manager', { sub: 'maria', categories: ['hotel'] })))
        .send({ status: 'SUSPENDED', reason: 'Fire certificate expired' })
        .expect(200);
      expect(res.body).toMatchObject({
        supplierId: s.id,
        kind: 'OVERRIDE',
        fromStatus: 'ACTIVE',
        toStatus: 'SUSPENDED',
        asOf: new Date().toISOString().slice(0, 10),
        policyVersion: 1,
        reason: 'Fire certificate expired',
        actor: 'maria',
      });
      expect(res.body.supplier.status).toBe('SUSPENDED');
      const decisions = await t.http().get(`/v1/suppliers/${s.id}/decisions`).set(bearer(admin)).expect(200);
      expect(decisions.body.items).toHaveLength(1);
      expect(decisions.body.items[0].id).toBe(res.body.id);

      const back = await t
        .http()
        .post(`/v1/suppliers/${s.id}/status`)
        .set(bearer(admin))
        .send({ status: 'ACTIVE', reason: 'Renewed' })
        .expect(200);
      expect(back.body).toMatchObject({ fromStatus: 'SUSPENDED', toStatus: 'ACTIVE' });
      const again = await t.http().get(`/v1/suppliers/${s.id}/decisions`).set(bearer(admin)).expect(200);
      expect(again.body.items.map((d: { toStatus: string }) => d.toStatus)).toEqual(['ACTIVE', 'SUSPENDED']);
    });

    it('lifting probation clears its end date', async () => {
      const s = await createSupplier(t);
      await t.db.query(`UPDATE suppliers SET status = 'PROBATION', probation_ends_at = '2030-01-01' WHERE id = $1`, [s.id]);
      const res = await t
        .http()
        .post(`/v1/suppliers/${s.id}/status`)
        .set(bearer(admin))
        .send({ status: 'ACTIVE', reason: 'Reviewed by hand' })
        .expect(200);
      expect(res.body.supplier).toMatchObject({ status: 'ACTIVE', probationEndsAt: null });
    });

    it('an illegal transition is 409 with the reason, and changes nothing', async () => {
      const s = await createSupplier(t);
      const res = await t.http().post(`/v1/suppliers/${s.id}/status`).set(bearer(admin)).send({ status: 'ACTIVE', reason: 'Because' });
      expect(expectProblem(res, 409).detail).toMatch(/admission application/);
      const same = await createSupplier(t);
      await forceStatus(t, same.id, 'ACTIVE');
      expect(
        expectProblem(
          await t.http().post(`/v1/suppliers/${same.id}/status`).set(bearer(admin)).send({ status: 'ACTIVE', reason: 'again' }),
          409,
        ).detail,
      ).toBe('The supplier is already ACTIVE');
      const after = await t.http().get(`/v1/suppliers/${s.id}`).set(bearer(admin)).expect(200);
      expect(after.body.status).toBe('APPLICANT');
      const decisions = await t.http().get(`/v1/suppliers/${s.id}/decisions`).set(bearer(admin)).expect(200);
      expect(decisions.body.items).toEqual([]);
    });

    it('a reason is mandatory and the target must be ACTIVE, SUSPENDED or DELISTED', async () => {
      const s = await createSupplier(t);
      await forceStatus(t, s.id, 'ACTIVE');
      expect(
        expectProblem(await t.http().post(`/v1/suppliers/${s.id}/status`).set(bearer(admin)).send({ status: 'SUSPENDED' }), 400).errors?.[0]
          .field,
      ).toBe('reason');
      expect(
        expectProblem(
          await t.http().post(`/v1/suppliers/${s.id}/status`).set(bearer(admin)).send({ status: 'SUSPENDED', reason: '   ' }),
          400,
        ).errors?.[0].field,
      ).toBe('reason');
      expect(
        expectProblem(
          await t.http().post(`/v1/suppliers/${s.id}/status`).set(bearer(admin)).send({ status: 'PROBATION', reason: 'x y z' }),
          400,
        ).errors?.[0].field,
      ).toBe('status');
    });

    it('concurrent changes of one supplier serialise: exactly one suspension wins', async () => {
      const s = await createSupplier(t);
      await forceStatus(t, s.id, 'ACTIVE');
      const results = await Promise.all(
        [1, 2, 3, 4].map(() =>
          t.http().post(`/v1/suppliers/${s.id}/status`).set(bearer(admin)).send({ status: 'SUSPENDED', reason: 'race' }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM decisions WHERE supplier_id = $1', [s.id]);
      expect(rows[0].n).toBe(1);
    });

    it('integration and shopper roles may not change a status', async () => {
      const s = await createSupplier(t);
      await forceStatus(t, s.id, 'ACTIVE');
      for (const role of ['integration', 'mystery_shopper'] as const) {
        const token = t.token(role, role === 'mystery_shopper' ? { shopperId: 'sh-1' } : {});
        expectProblem(
          await t.http().post(`/v1/suppliers/${s.id}/status`).set(bearer(token)).send({ status: 'SUSPENDED', reason: 'nope' }),
          403,
        );
      }
    });

    it('a manager of another category may not change it', async () => {
      const s = await createSupplier(t, { category: 'hotel' });
      await forceStatus(t, s.id, 'ACTIVE');
      const tourManager = t.token('category_manager', { categories: ['tour'] });
      expectProblem(
        await t.http().post(`/v1/suppliers/${s.id}/status`).set(bearer(tourManager)).send({ status: 'SUSPENDED', reason: 'nope' }),
        403,
      );
      const after = await t.http().get(`/v1/suppliers/${s.id}`).set(bearer(admin)).expect(200);
      expect(after.body.status).toBe('ACTIVE');
    });
  });
});
