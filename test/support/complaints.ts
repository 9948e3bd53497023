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

/** Inserts a complaint straight into the table (for the job's tests), opened `hoursAgo` hours ago with 24 h / 72 h deadlines. */
export async function insertComplaint(
  db: { query: (sql: string, params: unknown[]) => Promise<unknown> },
  supplierId: string,
  externalId: string,
  hoursAgo: number,
  step: { status?: string; respondedAfterHours?: number; withdrawnAfterHours?: number } = {},
): Promise<void> {
  const opened = Date.now() - hoursAgo * 3_600_000;
  const at = (hours: number | undefined) => (hours === undefined ? null : new Date(opened + hours * 3_600_000).toISOString());
  await db.query(
    `INSERT INTO complaints (id, source, external_id, supplier_id, order_ref, opened_at, complaint_category, severity, description, status,
                             policy_version, respond_by, resolve_by, responded_at, responded_by, withdrawn_at, withdrawn_by, created_by)
     VALUES (gen_random_uuid(), 'service-desk', $1, $2, 'ORD-' || $1, $3, 'CLEANLINESS', 'HIGH', 'Customer Jane Doe: dirty room', $4, 1,
             $3::timestamptz + interval '24 hours', $3::timestamptz + interval '72 hours', $5, CASE WHEN $5::timestamptz IS NULL THEN NULL ELSE 'desk' END,
             $6, CASE WHEN $6::timestamptz IS NULL THEN NULL ELSE 'desk' END, 'test')`,
    [
      externalId,
      supplierId,
      new Date(opened).toISOString(),
      step.status ?? 'OPEN',
      at(step.respondedAfterHours),
      at(step.withdrawnAfterHours),
    ],
  );
}

/**
 * A known set of one supplier's complaints, with the overdue events each should raise now:
 * both deadlines passed; only the response's; none; withdrawn (never overdue); answered in time;
 * answered late (its response deadline still raises once).
 */
export async function seedOverdueSet(db: Parameters<typeof insertComplaint>[0], supplierId: string): Promise<Record<string, string[]>> {
  await insertComplaint(db, supplierId, 'OV-both', 100);
  await insertComplaint(db, supplierId, 'OV-response', 30);
  await insertComplaint(db, supplierId, 'OV-none', 1);
  await insertComplaint(db, supplierId, 'OV-withdrawn', 100, { status: 'WITHDRAWN', withdrawnAfterHours: 2 });
  await insertComplaint(db, supplierId, 'OV-in-time', 30, { status: 'RESPONDED', respondedAfterHours: 3 });
  await insertComplaint(db, supplierId, 'OV-late', 30, { status: 'RESPONDED', respondedAfterHours: 26 });
  return {
    'OV-both': ['complaint.resolution_overdue', 'complaint.response_overdue'],
    'OV-response': ['complaint.response_overdue'],
    'OV-late': ['complaint.response_overdue'],
  };
}
