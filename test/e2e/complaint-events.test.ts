import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ComplaintDeadlinesService } from '../../src/complaints/complaint-deadlines.service.js';
import { openComplaint, seedOverdueSet } from '../support/complaints.js';
import { createSupplier, publishPolicy, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** The complaint events of the outbox, by complaint externalId, types sorted. */
async function eventsByComplaint(t: TestApp): Promise<Record<string, string[]>> {
  const { rows } = await t.db.query<{ type: string; external_id: string }>(
    `SELECT e.type, e.payload->>'externalId' AS external_id FROM events e WHERE e.type LIKE 'complaint.%' ORDER BY e.type`,
  );
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.external_id] ??= []).push(r.type);
  return out;
}

describe('complaint events', () => {
  let t: TestApp;
  let supplier: SupplierBody;
  beforeAll(async () => {
    t = await startTestApp();
    await publishPolicy(t, 'hotel');
    supplier = await createSupplier(t, { externalRef: 'EV-1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('a resolution raises complaint.resolved with the fault, in the feed, without the customer’s words', async () => {
    const c = await openComplaint(t, 'EV-1', { description: 'Jane Doe says the room was dirty' });
    await t
      .http()
      .post(`/v1/complaints/${c.id}/resolution`)
      .set(bearer(t.token('admin')))
      .send({ fault: 'SUPPLIER', resolution: 'Hotel at fault; Jane refunded' })
      .expect(200);
    const feed = await t
      .http()
      .get('/v1/events?limit=500')
      .set(bearer(t.token('integration')))
      .expect(200);
    const events = feed.body.items.filter((e: { type: string }) => e.type === 'complaint.resolved');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      supplierId: supplier.id,
      category: 'hotel',
      decision: null,
      payload: {
        complaintId: c.id,
        externalId: c.externalId,
        orderRef: c.orderRef,
        supplierId: supplier.id,
        complaintCategory: 'CLEANLINESS',
        severity: 'MEDIUM',
        fault: 'SUPPLIER',
      },
    });
    expect(JSON.stringify(events[0])).not.toMatch(/Jane/);
  });

  it('the sweep raises one event per overdue deadline, once, even when sweeps run together', async () => {
    const expected = await seedOverdueSet(t.db, supplier.id);
    const deadlines = t.app.get(ComplaintDeadlinesService);
    const results = await Promise.all([deadlines.raiseOverdue(), deadlines.raiseOverdue(), deadlines.raiseOverdue()]);
    expect(results.reduce((n, r) => n + r.response + r.resolution, 0)).toBe(4);
    expect(await deadlines.raiseOverdue()).toEqual({ response: 0, resolution: 0 });
    const byComplaint = await eventsByComplaint(t);
    for (const [externalId, types] of Object.entries(expected)) expect(byComplaint[externalId]).toEqual(types);
    expect(
      Object.keys(byComplaint)
        .filter((k) => k.startsWith('OV-'))
        .sort(),
    ).toEqual(Object.keys(expected).sort());
    const { rows } = await t.db.query(
      `SELECT payload FROM events WHERE type = 'complaint.response_overdue' AND payload->>'externalId' = 'OV-both'`,
    );
    expect(rows[0].payload).toMatchObject({ orderRef: 'ORD-OV-both', severity: 'HIGH', deadline: expect.any(String) });
    expect(JSON.stringify(rows[0].payload)).not.toMatch(/Jane/);
  });
});
