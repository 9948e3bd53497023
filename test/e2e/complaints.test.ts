import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { complaintFields } from '../support/complaints.js';
import { createSupplier, expectProblem, publishPolicy, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const H = 3_600_000;

describe('complaints: intake', () => {
  let t: TestApp;
  let hotel: SupplierBody;
  let tour: SupplierBody;
  const post = (body: unknown, token = t.token('integration')) =>
    t
      .http()
      .post('/v1/complaints')
      .set(bearer(token))
      .send(body as object);

  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour', { complaintResponseHours: 4, complaintResolutionHours: 48 });
    hotel = await createSupplier(t, { externalRef: 'CH-1' });
    tour = await createSupplier(t, { externalRef: 'CT-1', category: 'tour' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('opens a complaint (201) with deadlines from the category policy; the same again is 200 with the stored one', async () => {
    const fields = complaintFields('CH-1', { openedAt: '2026-11-24T08:15:00Z', claimedAmount: { amount: 320.5, currency: 'CNY' } });
    const first = await post(fields).expect(201);
    expect(first.body).toMatchObject({
      source: 'service-desk',
      externalId: fields.externalId,
      supplierId: hotel.id,
      category: 'hotel',
      orderRef: fields.orderRef,
      openedAt: '2026-11-24T08:15:00.000Z',
      complaintCategory: 'CLEANLINESS',
      severity: 'MEDIUM',
      status: 'OPEN',
      policyVersion: 1,
      respondBy: '2026-11-25T08:15:00.000Z',
      resolveBy: '2026-11-27T08:15:00.000Z',
      respondedAt: null,
      resolvedAt: null,
      fault: null,
      claimedAmount: { amount: 320.5, currency: 'CNY' },
      overdue: { response: true, resolution: true },
      compensation: [],
    });
    const again = await post(fields).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const tourComplaint = await post(complaintFields('CT-1', { supplierRef: undefined, supplierId: tour.id }, 1)).expect(201);
    expect(Date.parse(tourComplaint.body.respondBy) - Date.parse(tourComplaint.body.openedAt)).toBe(4 * H);
    expect(Date.parse(tourComplaint.body.resolveBy) - Date.parse(tourComplaint.body.openedAt)).toBe(48 * H);
  });

  it('refuses the same key with other content (409 naming the field), and stores nothing new', async () => {
    const fields = complaintFields('CH-1');
    await post(fields).expect(201);
    const problem = expectProblem(await post({ ...fields, severity: 'HIGH', description: 'Other words' }), 409);
    expect(problem.errors?.map((e) => e.field)).toEqual(['severity', 'description']);
    const { rows } = await t.db.query(`SELECT severity, description FROM complaints WHERE external_id = $1`, [fields.externalId]);
    expect(rows).toEqual([{ severity: 'MEDIUM', description: fields.description }]);
  });

  it('refuses a malformed complaint with 400 naming each field', async () => {
    const problem = expectProblem(await post({ externalId: 'SD-x', supplierRef: 'CH-1', severity: 'URGENT', colour: 'red' }), 400);
    expect(problem.errors?.map((e) => e.field).sort()).toEqual([
      'colour',
      'complaintCategory',
      'description',
      'openedAt',
      'orderRef',
      'severity',
    ]);
  });

  it('refuses an opening in the future or before 2000 with 422, and an amount with too many decimals', async () => {
    const future = expectProblem(await post(complaintFields('CH-1', { openedAt: new Date(Date.now() + H).toISOString() })), 422);
    expect(future.errors).toEqual([{ field: 'openedAt', message: 'must not be in the future' }]);
    expectProblem(await post(complaintFields('CH-1', { openedAt: '1999-12-31T23:00:00Z' })), 422);
    const amount = expectProblem(await post(complaintFields('CH-1', { claimedAmount: { amount: 10.005, currency: 'CNY' } })), 422);
    expect(amount.errors?.[0].field).toBe('claimedAmount.amount');
    expectProblem(await post(complaintFields('CH-1', { claimedAmount: { amount: 10, currency: 'ZZZ' } })), 422);
  });

  it('answers 404 for an unknown supplier', async () => {
    const problem = expectProblem(await post(complaintFields('NOPE')), 404);
    expect(problem.errors).toEqual([{ field: 'supplierRef', message: 'no supplier has this externalRef' }]);
    expectProblem(await post(complaintFields('x', { supplierRef: undefined, supplierId: '01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f70' })), 404);
  });

  it('lets a category manager open complaints only about suppliers of its categories', async () => {
    const hotelManager = t.token('category_manager', { categories: ['hotel'] });
    await post(complaintFields('CH-1'), hotelManager).expect(201);
    expectProblem(await post(complaintFields('CT-1'), hotelManager), 403);
    expectProblem(
      await post(complaintFields('CH-1'), t.token('mystery_shopper', { shopperId: '01937e10-3d46-7c36-a4a5-8b1c2d3e4f50' })),
      403,
    );
    expectProblem(await t.http().post('/v1/complaints').send(complaintFields('CH-1')), 401);
  });

  it('batch: stores good items, counts duplicates and reports bad ones one by one; nothing lost', async () => {
    const stored = complaintFields('CH-1');
    await post(stored).expect(201);
    const good = complaintFields('CH-1');
    const items = [
      good,
      stored,
      { ...stored, externalId: stored.externalId, orderRef: 'ORD-OTHER' },
      complaintFields('NOPE'),
      complaintFields('CH-1', { openedAt: '2999-01-01T00:00:00Z' }),
      { ...good },
      'not an object',
      complaintFields('CT-1', { severity: 'CRITICAL' }),
    ];
    const res = await t
      .http()
      .post('/v1/complaints/batch')
      .set(bearer(t.token('integration')))
      .send({ complaints: items })
      .expect(200);
    expect(res.body).toEqual({
      accepted: 2,
      duplicates: 1,
      rejected: [
        { index: 2, externalId: stored.externalId, errors: [{ field: 'externalId', message: 'repeats item 1 of this batch' }] },
        {
          index: 3,
          externalId: items[3] && (items[3] as { externalId: string }).externalId,
          errors: [{ field: 'supplierRef', message: 'no supplier has this externalRef' }],
        },
        {
          index: 4,
          externalId: (items[4] as { externalId: string }).externalId,
          errors: [{ field: 'openedAt', message: 'must not be in the future' }],
        },
        { index: 5, externalId: good.externalId, errors: [{ field: 'externalId', message: 'repeats item 0 of this batch' }] },
        { index: 6, externalId: null, errors: [{ field: '', message: 'must be an object' }] },
      ],
    });
    // A changed repeat of a stored complaint, in its own batch: rejected, naming the field.
    const changed = await t
      .http()
      .post('/v1/complaints/batch')
      .set(bearer(t.token('admin')))
      .send({ complaints: [{ ...stored, orderRef: 'ORD-OTHER' }] })
      .expect(200);
    expect(changed.body).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: [
        {
          index: 0,
          externalId: stored.externalId,
          errors: [{ field: 'orderRef', message: 'differs from the stored complaint with this source and externalId' }],
        },
      ],
    });
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM complaints WHERE external_id = ANY($1)`, [
      [good.externalId, stored.externalId, (items[7] as { externalId: string }).externalId],
    ]);
    expect(rows[0].n).toBe(3);
  });

  it('batch: refuses a body of the wrong shape (400), over 1,000 items (413), and callers other than integration and admin', async () => {
    expectProblem(
      await t
        .http()
        .post('/v1/complaints/batch')
        .set(bearer(t.token('integration')))
        .send({ items: [] }),
      400,
    );
    const many = Array.from({ length: 1001 }, () => ({}));
    expectProblem(
      await t
        .http()
        .post('/v1/complaints/batch')
        .set(bearer(t.token('integration')))
        .send({ complaints: many }),
      413,
    );
    expectProblem(
      await t
        .http()
        .post('/v1/complaints/batch')
        .set(bearer(t.token('category_manager')))
        .send({ complaints: [] }),
      403,
    );
    expectProblem(await t.http().post('/v1/complaints/batch').send({ complaints: [] }), 401);
  });
});
