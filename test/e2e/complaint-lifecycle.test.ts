import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ComplaintBody, openComplaint } from '../support/complaints.js';
import { createSupplier, expectProblem, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const H = 3_600_000;
const SHOPPER = { shopperId: '01937e10-3d46-7c36-a4a5-8b1c2d3e4f50' };

describe('complaints: lifecycle, deadlines, lists and access', () => {
  let t: TestApp;
  const as = (role: 'integration' | 'admin' = 'integration') => bearer(t.token(role));
  const step = (c: { id: string }, name: string, body: object, auth = as()) =>
    t.http().post(`/v1/complaints/${c.id}/${name}`).set(auth).send(body);
  const get = (id: string) => t.http().get(`/v1/complaints/${id}`).set(as());

  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour');
    await createSupplier(t, { externalRef: 'LH-1' });
    await createSupplier(t, { externalRef: 'LT-1', category: 'tour' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('OPEN → RESPONDED → RESOLVED, recording when, who and what', async () => {
    const c = await openComplaint(t, 'LH-1', {}, 5);
    const respondedAt = new Date(Date.parse(c.openedAt) + H).toISOString();
    const responded = await step(c, 'response', { message: 'We are on it.', respondedAt }).expect(200);
    expect(responded.body).toMatchObject({ status: 'RESPONDED', respondedAt, overdue: { response: false, resolution: false } });
    const resolved = await step(c, 'resolution', { fault: 'PLATFORM', resolution: 'Refund by the platform.' }).expect(200);
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', respondedAt, fault: 'PLATFORM', resolution: 'Refund by the platform.' });
    expect((await get(c.id).expect(200)).body).toMatchObject({ status: 'RESOLVED', fault: 'PLATFORM', respondedAt });
    const { rows } = await t.db.query(`SELECT responded_by, response_message, resolved_by FROM complaints WHERE id = $1`, [c.id]);
    expect(rows[0]).toEqual({ responded_by: 'test-integration', response_message: 'We are on it.', resolved_by: 'test-integration' });
  });

  it('OPEN → RESOLVED records the first response at the resolution time', async () => {
    const c = await openComplaint(t, 'LH-1', {}, 5);
    const resolvedAt = new Date(Date.parse(c.openedAt) + 2 * H).toISOString();
    const res = await step(c, 'resolution', { fault: 'SUPPLIER', resolution: 'Hotel at fault.', resolvedAt }).expect(200);
    expect(res.body).toMatchObject({ status: 'RESOLVED', respondedAt: resolvedAt, resolvedAt, fault: 'SUPPLIER' });
  });

  it('refuses every illegal move with 409 and a clear detail', async () => {
    const responded = await openComplaint(t, 'LH-1');
    await step(responded, 'response', { message: 'Hello' }).expect(200);
    expect(expectProblem(await step(responded, 'response', { message: 'Again' }), 409).detail).toContain('has already been answered');

    const resolved = await openComplaint(t, 'LH-1');
    await step(resolved, 'resolution', { fault: 'NONE', resolution: 'Nothing wrong' }).expect(200);
    expect(expectProblem(await step(resolved, 'resolution', { fault: 'NONE', resolution: 'Twice' }), 409).detail).toContain(
      'already resolved',
    );
    expect(expectProblem(await step(resolved, 'withdrawal', { reason: 'Late' }), 409).detail).toContain('cannot be withdrawn');
    expect(expectProblem(await step(resolved, 'response', { message: 'Hi' }), 409).detail).toContain('is resolved');

    const withdrawn = await openComplaint(t, 'LH-1');
    await step(withdrawn, 'withdrawal', { reason: 'Customer called back' }).expect(200);
    expect(expectProblem(await step(withdrawn, 'response', { message: 'Hi' }), 409).detail).toContain('was withdrawn');
    expect(expectProblem(await step(withdrawn, 'resolution', { fault: 'NONE', resolution: 'x' }), 409).detail).toContain('was withdrawn');
    expect(expectProblem(await step(withdrawn, 'withdrawal', { reason: 'Again' }), 409).detail).toContain('withdrawn already');
    const { rows } = await t.db.query(`SELECT status FROM complaints WHERE id = ANY($1) ORDER BY seq`, [
      [responded.id, resolved.id, withdrawn.id],
    ]);
    expect(rows.map((r) => r.status)).toEqual(['RESPONDED', 'RESOLVED', 'WITHDRAWN']);
  });

  it('a RESPONDED complaint may be withdrawn; a withdrawn one is never overdue', async () => {
    const c = await openComplaint(t, 'LH-1', {}, 100);
    expect(c.overdue).toEqual({ response: true, resolution: true });
    await step(c, 'response', { message: 'Sorry' }).expect(200);
    const res = await step(c, 'withdrawal', { reason: 'Solved directly with the hotel' }).expect(200);
    expect(res.body).toMatchObject({ status: 'WITHDRAWN', overdue: { response: false, resolution: false } });
    expect(res.body.withdrawnAt).not.toBeNull();
  });

  it('refuses step times before the opening or the first answer, or in the future (422), and malformed ones (400)', async () => {
    const c = await openComplaint(t, 'LH-1', {}, 5);
    const before = new Date(Date.parse(c.openedAt) - 1000).toISOString();
    const early = expectProblem(await step(c, 'response', { message: 'Hi', respondedAt: before }), 422);
    expect(early.errors?.[0]).toMatchObject({ field: 'respondedAt', message: expect.stringContaining('before the complaint was opened') });
    const future = expectProblem(await step(c, 'response', { message: 'Hi', respondedAt: new Date(Date.now() + H).toISOString() }), 422);
    expect(future.errors).toEqual([{ field: 'respondedAt', message: 'must not be in the future' }]);
    expectProblem(await step(c, 'response', { message: 'Hi', respondedAt: 'yesterday' }), 400);
    const respondedAt = new Date(Date.parse(c.openedAt) + 2 * H).toISOString();
    await step(c, 'response', { message: 'Hi', respondedAt }).expect(200);
    const beforeAnswer = new Date(Date.parse(c.openedAt) + H).toISOString();
    const resolution = expectProblem(await step(c, 'resolution', { fault: 'NONE', resolution: 'x', resolvedAt: beforeAnswer }), 422);
    expect(resolution.errors?.[0]).toMatchObject({
      field: 'resolvedAt',
      message: expect.stringContaining('before the complaint was answered'),
    });
    expect((await get(c.id)).body.status).toBe('RESPONDED');
  });

  it('deadlines at their exact instants: opened 24 h less a second ago is not overdue, 24 h ago it is', async () => {
    const now = Date.now();
    const almost = await openComplaint(t, 'LH-1', { openedAt: new Date(now - 24 * H + 1000).toISOString() }, 0);
    const exactly = await openComplaint(t, 'LH-1', { openedAt: new Date(now - 24 * H).toISOString() }, 0);
    expect(almost.overdue).toEqual({ response: false, resolution: false });
    expect(exactly.overdue).toEqual({ response: true, resolution: false });
    const listed = await t.http().get('/v1/complaints?overdue=true&limit=500').set(as()).expect(200);
    const ids = listed.body.items.map((c: ComplaintBody) => c.id);
    expect(ids).toContain(exactly.id);
    expect(ids).not.toContain(almost.id);
    expect(listed.body.items.every((c: ComplaintBody) => c.overdue.response || c.overdue.resolution)).toBe(true);
  });

  it('the overdue filter lists exactly the complaints their own figures call overdue, in every state', async () => {
    const open = await openComplaint(t, 'LH-1', {}, 400);
    const answered = await openComplaint(t, 'LH-1', {}, 400);
    await step(answered, 'response', { message: 'Looking into it' }).expect(200);
    const answeredRecently = await openComplaint(t, 'LH-1', {}, 30);
    await step(answeredRecently, 'response', { message: 'Sorry' }).expect(200);
    const resolved = await openComplaint(t, 'LH-1', {}, 400);
    await step(resolved, 'resolution', { fault: 'SUPPLIER', resolution: 'Refunded' }).expect(200);
    const withdrawn = await openComplaint(t, 'LH-1', {}, 400);
    await step(withdrawn, 'response', { message: 'Hi' }).expect(200);
    await step(withdrawn, 'withdrawal', { reason: 'Settled with the hotel' }).expect(200);

    const all = (await t.http().get('/v1/complaints?limit=500').set(as('admin')).expect(200)).body.items as ComplaintBody[];
    const listed = (await t.http().get('/v1/complaints?overdue=true&limit=500').set(as('admin')).expect(200)).body.items as ComplaintBody[];
    const expected = all.filter((c) => c.overdue.response || c.overdue.resolution).map((c) => c.id);
    expect(listed.map((c) => c.id)).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining([open.id, answered.id]));
    for (const id of [answeredRecently.id, resolved.id, withdrawn.id]) expect(expected).not.toContain(id);
    expect(all.find((c) => c.id === answered.id)!.overdue).toEqual({ response: false, resolution: true });
  });

  it('the table keeps an OPEN complaint unanswered, which the overdue queries rely on', async () => {
    const c = await openComplaint(t, 'LH-1');
    await expect(t.db.query(`UPDATE complaints SET responded_at = now() WHERE id = $1`, [c.id])).rejects.toThrow(
      /complaints_open_unanswered/,
    );
    expect((await get(c.id)).body).toMatchObject({ status: 'OPEN', respondedAt: null });
  });

  it('lists by category, supplier and status, paged; managers see only their categories', async () => {
    const tour = await openComplaint(t, 'LT-1');
    const all = await t.http().get('/v1/complaints?limit=500').set(as('admin')).expect(200);
    expect(all.body.items.map((c: ComplaintBody) => c.id)).toContain(tour.id);
    const tours = await t.http().get('/v1/complaints?category=tour').set(as()).expect(200);
    expect(tours.body.items.map((c: ComplaintBody) => c.id)).toEqual([tour.id]);
    const bySupplier = await t
      .http()
      .get(`/v1/complaints?supplierId=${tour.supplierId as string}&status=OPEN`)
      .set(as())
      .expect(200);
    expect(bySupplier.body.items.map((c: ComplaintBody) => c.id)).toEqual([tour.id]);
    const page = await t.http().get('/v1/complaints?limit=2').set(as()).expect(200);
    expect(page.body.items).toHaveLength(2);
    const second = await t
      .http()
      .get(`/v1/complaints?limit=2&cursor=${page.body.nextCursor as string}`)
      .set(as())
      .expect(200);
    expect(second.body.items[0].id).not.toBe(page.body.items[1].id);

    const hotelManager = bearer(t.token('category_manager', { categories: ['hotel'] }));
    const mine = await t.http().get('/v1/complaints?limit=500').set(hotelManager).expect(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((c: ComplaintBody) => c.category === 'hotel')).toBe(true);
    expectProblem(await t.http().get('/v1/complaints?category=tour').set(hotelManager), 403);
    expectProblem(await t.http().get(`/v1/complaints/${tour.id}`).set(hotelManager), 403);
    expectProblem(await t.http().get('/v1/complaints?status=LOST').set(as()), 400);
  });

  it('answers 404 for an unknown complaint on every complaint path', async () => {
    const unknown = '01937e9c-2a41-7c55-9d21-0e4f5a6b7c8d';
    expectProblem(await get(unknown), 404);
    expectProblem(await step({ id: unknown }, 'response', { message: 'Hi' }), 404);
    expectProblem(await step({ id: unknown }, 'resolution', { fault: 'NONE', resolution: 'x' }), 404);
    expectProblem(await step({ id: unknown }, 'withdrawal', { reason: 'x' }), 404);
    expectProblem(await get('not-a-uuid'), 400);
  });

  it('refuses every endpoint without a token (401), to a wrong role (403) and to a manager of another category (403)', async () => {
    const c = await openComplaint(t, 'LT-1');
    const shopper = bearer(t.token('mystery_shopper', SHOPPER));
    const hotelManager = bearer(t.token('category_manager', { categories: ['hotel'] }));
    const calls: Array<[string, string, object | undefined]> = [
      ['get', '/v1/complaints', undefined],
      ['get', `/v1/complaints/${c.id}`, undefined],
      ['get', '/v1/complaints/sla?category=tour&from=2026-11-01&to=2026-11-02', undefined],
      ['post', `/v1/complaints/${c.id}/response`, { message: 'Hi' }],
      ['post', `/v1/complaints/${c.id}/resolution`, { fault: 'NONE', resolution: 'x' }],
      ['post', `/v1/complaints/${c.id}/withdrawal`, { reason: 'x' }],
    ];
    for (const [method, path, body] of calls) {
      const call = (auth?: { Authorization: string }) => {
        const req = t.http()[method as 'get' | 'post'](path);
        if (auth) req.set(auth);
        return body ? req.send(body) : req;
      };
      expectProblem(await call(), 401);
      expectProblem(await call(shopper), 403);
      if (path !== '/v1/complaints') expectProblem(await call(hotelManager), 403);
    }
    // The complaint was not touched by any refused call.
    expect((await get(c.id)).body.status).toBe('OPEN');
  });

  it("the category's manager may answer, resolve and withdraw", async () => {
    const tourManager = bearer(t.token('category_manager', { categories: ['tour'] }));
    const c = await openComplaint(t, 'LT-1');
    await step(c, 'response', { message: 'Hi' }, tourManager).expect(200);
    await step(c, 'resolution', { fault: 'CUSTOMER', resolution: 'Customer changed plans' }, tourManager).expect(200);
    const w = await openComplaint(t, 'LT-1');
    await step(w, 'withdrawal', { reason: 'Withdrawn' }, bearer(t.token('admin'))).expect(200);
  });
});
