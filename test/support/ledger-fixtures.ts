import { randomUUID } from 'node:crypto';

import { DataSource } from 'typeorm';

import { uuidV7 } from '../../src/common/ids/uuid-v7.js';
import type { LedgerEntry } from '../../src/ledger/domain/ledger-entry.js';
import { LedgerService, type RecordCompensation } from '../../src/ledger/ledger.service.js';
import type { TestApp } from './test-app.js';

export type Fault = 'SUPPLIER' | 'PLATFORM' | 'CUSTOMER' | 'NONE';

/**
 * A complaint written straight into `complaints`, for tests of what hangs off one (the ledger)
 * without the complaints endpoints: OPEN, or RESOLVED with a fault (answered at the resolution).
 */
export async function insertComplaint(
  t: TestApp,
  supplierId: string,
  options: { fault?: Fault; openedAt?: string; resolvedAt?: string } = {},
): Promise<string> {
  const id = uuidV7();
  const openedAt = options.openedAt ?? '2026-11-20T08:00:00Z';
  const opened = Date.parse(openedAt);
  const resolvedAt = options.fault ? (options.resolvedAt ?? new Date(opened + 3_600_000).toISOString()) : null;
  await t.db.query(
    `INSERT INTO complaints (id, source, external_id, supplier_id, order_ref, opened_at, complaint_category, severity, description,
                             status, policy_version, respond_by, resolve_by, responded_at, responded_by, response_message,
                             resolved_at, resolved_by, fault, resolution, created_by)
     VALUES ($1, 'service-desk', $2, $3, $4, $5, 'CLEANLINESS', 'MEDIUM', 'Room not cleaned', $6, 1, $7, $8,
             $9, $10, $11, $9, $10, $12, $13, 'test')`,
    [
      id,
      `cx-${randomUUID()}`,
      supplierId,
      `ORD-${id.slice(-6)}`,
      openedAt,
      options.fault ? 'RESOLVED' : 'OPEN',
      new Date(opened + 24 * 3_600_000).toISOString(),
      new Date(opened + 72 * 3_600_000).toISOString(),
      resolvedAt,
      options.fault ? 'desk@example.com' : null,
      options.fault ? 'We are sorry' : null,
      options.fault ?? null,
      options.fault ? 'Ruled' : null,
    ],
  );
  return id;
}

/** Runs `work` in one transaction of the app's own data source, as the complaints module does. */
export function inTransaction<T>(
  t: TestApp,
  work: (ledger: LedgerService, manager: import('typeorm').EntityManager) => Promise<T>,
): Promise<T> {
  const ledger = t.app.get(LedgerService);
  return t.app.get(DataSource).transaction((manager) => work(ledger, manager));
}

/** Records a compensation payment through the ledger service (the complaints module's call). */
export function compensate(
  t: TestApp,
  cmd: Partial<RecordCompensation> & Pick<RecordCompensation, 'complaintId' | 'supplierId' | 'amount'>,
): Promise<{ entry: LedgerEntry; charge: LedgerEntry | null }> {
  return inTransaction(t, (ledger, manager) =>
    ledger.recordCompensation(manager, {
      chargeable: false,
      currency: 'CNY',
      paidAt: new Date('2026-11-21T10:00:00Z'),
      reference: null,
      actor: 'desk@example.com',
      ...cmd,
    }),
  );
}

/** A SUPPLIER ruling's charges, through the ledger service. */
export function chargeRuling(
  t: TestApp,
  complaintId: string,
  supplierId: string,
  at = new Date('2026-11-21T12:00:00Z'),
): Promise<LedgerEntry[]> {
  return inTransaction(t, (ledger, manager) => ledger.chargeRuling(manager, { complaintId, supplierId, actor: 'manager@example.com', at }));
}
