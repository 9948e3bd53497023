import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ComplaintBody, openComplaint } from '../support/complaints.js';
import { createSupplier, expectProblem, publishPolicy, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const H = 3_600_000;

describe('compensation on complaints, and charges on a SUPPLIER ruling', () => {
  let t: TestApp;
  let hotel: SupplierBody;
  const admin = () => bearer(t.token('admin'));
  const pay = (c: { id: string }, body: object, auth = bearer(t.token('integration'))) =>
    t.http().post(`/v1/complaints/${c.id}/compensation`).set(auth).send(body);
  const resolve = (c: { id: string }, fault: string) =>
    t.http().post(`/v1/complaints/${c.id}/resolution`).set(admin()).send({ fault, resolution: 'Ruled' }).expect(200);
  const entries = async (complaintId: string) =>
    (
      await t.db.query<{ kind: string; amount_minor: string; currency: string; compensation_id: string | null; id: string }>(
        `SELECT id, kind, amount_minor, currency, compensation_id FROM ledger_entries WHERE complaint_id = $1 ORDER BY seq`,
        [complaintId],
      )
    ).rows;

  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour');
    hotel = await createSupplier(t, { externalRef: 'CP-1' });
    await createSupplier(t, { externalRef: 'CP-T', category: 'tour' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('pays from the opening on (201 ledger entry), shows it on the complaint, and charges it all on a SUPPLIER ruling', async () => {
    const c = await openComplaint(t, 'CP-1', {}, 5);
    const paidAt = new Date(Date.parse(c.openedAt) + H).toISOString();
    const first = await pay(c, { amount: 120.5, currency: 'CNY', paidAt, reference: 'PAY-1' }).expect(201);
    expect(first.body).toMatchObject({
      supplierId: hotel.id,
      complaintId: c.id,
      kind: 'COMPENSATION_PAID',
      amount: 120.5,
      currency: 'CNY',
      reference: 'PAY-1',
      actor: 'test-integration',
      occurredAt: paidAt,
    });
    await pay(c, { amount: '0.10', currency: 'CNY' }).expect(201);
    const shown = await t.http().get(`/v1/complaints/${c.id}`).set(admin()).expect(200);
    expect(shown.body.compensation).toEqual([
      { amount: 120.5, currency: 'CNY' },
      { amount: 0.1, currency: 'CNY' },
    ]);
    expect((await entries(c.id)).map((e) => e.kind)).toEqual(['COMPENSATION_PAID', 'COMPENSATION_PAID']);

    await resolve(c, 'SUPPLIER');
    const after = await entries(c.id);
    const paid = after.filter((e) => e.kind === 'COMPENSATION_PAID');
    const charges = after.filter((e) => e.kind === 'RECOVERY_CHARGED');
    expect(charges.map((e) => [e.compensation_id, e.amount_minor])).toEqual(paid.map((e) => [e.id, e.amount_minor]));
    expect(paid.map((e) => e.amount_minor)).toEqual(['12050', '10']);

    // Paid after the ruling: charged at once.
    await pay(c, { amount: 30, currency: 'CNY' }).expect(201);
    const last = (await entries(c.id)).slice(-2);
    expect(last.map((e) => e.kind)).toEqual(['COMPENSATION_PAID', 'RECOVERY_CHARGED']);
    expect(last[1].compensation_id).toBe(last[0].id);
    const events = await t.db.query(
      `SELECT count(*)::int AS n FROM events WHERE type = 'ledger.recovery_charged' AND payload->>'complaintId' = $1`,
      [c.id],
    );
    expect(events.rows[0].n).toBe(3);
  });

  it('compensation on a complaint of any other fault is borne by the platform: no charge', async () => {
    for (const fault of ['PLATFORM', 'CUSTOMER', 'NONE']) {
      const c = await openComplaint(t, 'CP-1');
      await pay(c, { amount: 10, currency: 'CNY' }).expect(201);
      await resolve(c, fault);
      await pay(c, { amount: 5, currency: 'USD' }).expect(201);
      expect((await entries(c.id)).map((e) => e.kind)).toEqual(['COMPENSATION_PAID', 'COMPENSATION_PAID']);
    }
  });

  it('refuses a withdrawn complaint (409), bad amounts and currencies (422), times out of range (422)', async () => {
    const withdrawn = await openComplaint(t, 'CP-1');
    await t.http().post(`/v1/complaints/${withdrawn.id}/withdrawal`).set(admin()).send({ reason: 'Withdrawn' }).expect(200);
    expect(expectProblem(await pay(withdrawn, { amount: 10, currency: 'CNY' }), 409).detail).toContain('withdrawn');

    const c: ComplaintBody = await openComplaint(t, 'CP-1', {}, 5);
    expect(expectProblem(await pay(c, { amount: 10.5, currency: 'JPY' }), 422).errors?.[0].field).toBe('amount');
    expect(expectProblem(await pay(c, { amount: 1.001, currency: 'CNY' }), 422).errors?.[0].field).toBe('amount');
    expectProblem(await pay(c, { amount: 0, currency: 'CNY' }), 422);
    expectProblem(await pay(c, { amount: -5, currency: 'CNY' }), 422);
    expect(expectProblem(await pay(c, { amount: 10, currency: 'XYZ' }), 422).errors?.[0].field).toBe('currency');
    const before = new Date(Date.parse(c.openedAt) - 1000).toISOString();
    expect(expectProblem(await pay(c, { amount: 10, currency: 'CNY', paidAt: before }), 422).errors?.[0].field).toBe('paidAt');
    const future = new Date(Date.now() + H).toISOString();
    expect(expectProblem(await pay(c, { amount: 10, currency: 'CNY', paidAt: future }), 422).errors?.[0].field).toBe('paidAt');
    expectProblem(await pay(c, { amount: true, currency: 'CNY' }), 400);
    expect(await entries(c.id)).toEqual([]);
  });

  it('is for integration, admin and the category’s managers; 404 for an unknown complaint', async () => {
    const c = await openComplaint(t, 'CP-T');
    expectProblem(await t.http().post(`/v1/complaints/${c.id}/compensation`).send({ amount: 1, currency: 'CNY' }), 401);
    expectProblem(
      await pay(
        c,
        { amount: 1, currency: 'CNY' },
        bearer(t.token('mystery_shopper', { shopperId: '01937e10-3d46-7c36-a4a5-8b1c2d3e4f50' })),
      ),
      403,
    );
    expectProblem(await pay(c, { amount: 1, currency: 'CNY' }, bearer(t.token('category_manager', { categories: ['hotel'] }))), 403);
    await pay(c, { amount: 1, currency: 'CNY' }, bearer(t.token('category_manager', { categories: ['tour'] }))).expect(201);
    expectProblem(await pay({ id: '01937e9c-2a41-7c55-9d21-0e4f5a6b7c8d' }, { amount: 1, currency: 'CNY' }), 404);
    expect((await entries(c.id)).length).toBe(1);
  });

  it('a claimed amount is checked against the ledger’s currencies', async () => {
    const ok = await openComplaint(t, 'CP-1', { claimedAmount: { amount: 1.125, currency: 'KWD' } });
    expect(ok.claimedAmount).toEqual({ amount: 1.125, currency: 'KWD' });
    const jpy = await t
      .http()
      .post('/v1/complaints')
      .set(admin())
      .send({
        externalId: 'CLAIM-JPY',
        supplierRef: 'CP-1',
        orderRef: 'O',
        openedAt: '2026-11-20T00:00:00Z',
        complaintCategory: 'BILLING',
        description: 'x',
        claimedAmount: { amount: 10.5, currency: 'JPY' },
      });
    expect(expectProblem(jpy, 422).errors?.[0].field).toBe('claimedAmount.amount');
  });
});
