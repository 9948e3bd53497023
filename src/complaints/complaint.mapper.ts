import { fieldColumns } from '../common/http/csv.js';
import { formatMinor } from '../ledger/domain/money.js';
import type { ComplaintRow } from './complaints.repository.js';
import type { Complaint, ComplaintCategory, Fault, Severity } from './domain/complaint.js';
import { overdueAt } from './domain/deadlines.js';
import type { ComplaintResponseDto, MoneyDto } from './dto/complaint-response.dto.js';

export function complaintFromRow(r: ComplaintRow): Complaint {
  return {
    id: r.id,
    seq: String(r.seq),
    source: r.source,
    externalId: r.external_id,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    category: r.category,
    orderRef: r.order_ref,
    openedAt: r.opened_at,
    complaintCategory: r.complaint_category as ComplaintCategory,
    severity: r.severity as Severity,
    description: r.description,
    claimedMinor: r.claimed_minor === null ? null : BigInt(r.claimed_minor),
    claimedCurrency: r.claimed_currency,
    claimedDigits: r.claimed_digits,
    status: r.status,
    policyVersion: r.policy_version,
    respondBy: r.respond_by,
    resolveBy: r.resolve_by,
    respondedAt: r.responded_at,
    respondedBy: r.responded_by,
    responseMessage: r.response_message,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    fault: r.fault as Fault | null,
    resolution: r.resolution,
    withdrawnAt: r.withdrawn_at,
    withdrawnBy: r.withdrawn_by,
    withdrawalReason: r.withdrawal_reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** The complaint as the API shows it: `overdue` computed at `now`, `compensation` from the ledger. */
export function complaintToResponse(c: Complaint, now: Date, compensation: MoneyDto[]): ComplaintResponseDto {
  return {
    id: c.id,
    source: c.source,
    externalId: c.externalId,
    supplierId: c.supplierId,
    supplierName: c.supplierName,
    category: c.category,
    orderRef: c.orderRef,
    openedAt: c.openedAt.toISOString(),
    complaintCategory: c.complaintCategory,
    severity: c.severity,
    description: c.description,
    claimedAmount:
      c.claimedMinor === null || c.claimedCurrency === null || c.claimedDigits === null
        ? null
        : { amount: formatMinor(c.claimedMinor, c.claimedDigits), currency: c.claimedCurrency },
    status: c.status,
    policyVersion: c.policyVersion,
    respondBy: c.respondBy.toISOString(),
    resolveBy: c.resolveBy.toISOString(),
    respondedAt: iso(c.respondedAt),
    resolvedAt: iso(c.resolvedAt),
    fault: c.fault,
    resolution: c.resolution,
    withdrawnAt: iso(c.withdrawnAt),
    overdue: overdueAt(c, now),
    compensation,
    createdAt: c.createdAt.toISOString(),
  };
}

/**
 * What an event about a complaint carries (PRODUCT.md: supplier-facing payloads name the customer
 * by the order reference only): never the description, the messages or who wrote them.
 */
export function complaintEventPayload(c: Complaint, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    complaintId: c.id,
    externalId: c.externalId,
    orderRef: c.orderRef,
    supplierId: c.supplierId,
    complaintCategory: c.complaintCategory,
    severity: c.severity,
    ...extra,
  };
}

/** The complaints list as CSV: the JSON item's fields in its order (claimedAmount, overdue and compensation as JSON text). */
export const COMPLAINT_CSV = fieldColumns<ComplaintResponseDto>([
  'id',
  'source',
  'externalId',
  'supplierId',
  'supplierName',
  'category',
  'orderRef',
  'openedAt',
  'complaintCategory',
  'severity',
  'description',
  'claimedAmount',
  'status',
  'policyVersion',
  'respondBy',
  'resolveBy',
  'respondedAt',
  'resolvedAt',
  'fault',
  'resolution',
  'withdrawnAt',
  'overdue',
  'compensation',
  'createdAt',
]);
