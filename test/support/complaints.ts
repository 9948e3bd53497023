import { expect } from 'vitest';

import { bearer, type TestApp } from './test-app.js';

export interface ComplaintBody {
  id: string;
  status: string;
  openedAt: string;
  respondBy: string;
  resolveBy: string;
  respondedAt: string | null;
  resolvedAt: string | null;
  fault: string | null;
  overdue: { response: boolean; resolution: boolean };
  compensation: Array<{ amount: number; currency: string }>;
  [field: string]: unknown;
}

let next = 0;

/** The fields of a valid complaint about a supplier (by externalRef), opened `hoursAgo` hours before now. */
export function complaintFields(supplierRef: string, fields: Record<string, unknown> = {}, hoursAgo = 2): Record<string, unknown> {
  return {
    externalId: `SD-${process.pid}-${++next}`,
    supplierRef,
    orderRef: `ORD-${next}`,
    openedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
    complaintCategory: 'CLEANLINESS',
    description: 'Room not cleaned on arrival.',
    ...fields,
  };
}

/** Opens a complaint through the API (as integration) and returns it. */
export async function openComplaint(
  t: TestApp,
  supplierRef: string,
  fields: Record<string, unknown> = {},
  hoursAgo = 2,
): Promise<ComplaintBody> {
  const res = await t
    .http()
    .post('/v1/complaints')
    .set(bearer(t.token('integration')))
    .send(complaintFields(supplierRef, fields, hoursAgo));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as ComplaintBody;
}
