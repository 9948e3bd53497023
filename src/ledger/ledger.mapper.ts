import { fieldColumns } from '../common/http/csv.js';
import { type Balance, type BalanceMinor, balanceToMajor, type LedgerTotal } from './domain/balances.js';
import type { LedgerEntry, LedgerKind } from './domain/ledger-entry.js';
import { formatMinor } from './domain/money.js';
import type { LedgerEntryResponseDto } from './dto/ledger-response.dto.js';

/** A row of `ledger_entries` with its currency's minor digits. */
export interface LedgerEntryRow {
  id: string;
  seq: string;
  supplier_id: string;
  complaint_id: string;
  kind: LedgerKind;
  amount_minor: string;
  currency: string;
  minor_digits: number;
  compensation_id: string | null;
  charge_id: string | null;
  reference: string | null;
  reason: string | null;
  actor: string;
  occurred_at: Date;
  created_at: Date;
}

export interface LedgerTotalRow {
  currency: string;
  minor_digits: number;
  kind: LedgerKind;
  charged: boolean;
  minor: string;
}

export function entryFromRow(r: LedgerEntryRow): LedgerEntry {
  return {
    id: r.id,
    seq: String(r.seq),
    supplierId: r.supplier_id,
    complaintId: r.complaint_id,
    kind: r.kind,
    amountMinor: BigInt(r.amount_minor),
    currency: r.currency,
    minorDigits: Number(r.minor_digits),
    compensationId: r.compensation_id,
    chargeId: r.charge_id,
    reference: r.reference,
    reason: r.reason,
    actor: r.actor,
    occurredAt: r.occurred_at,
    createdAt: r.created_at,
  };
}

export function totalFromRow(r: LedgerTotalRow): LedgerTotal {
  return { currency: r.currency, minorDigits: Number(r.minor_digits), kind: r.kind, charged: r.charged, minor: BigInt(r.minor) };
}

/** An entry's amount in major units, exact (see formatMinor). */
export function amountOf(e: Pick<LedgerEntry, 'amountMinor' | 'minorDigits'>): number {
  return formatMinor(e.amountMinor, e.minorDigits);
}

export function entryToResponse(e: LedgerEntry): LedgerEntryResponseDto {
  return {
    id: e.id,
    supplierId: e.supplierId,
    complaintId: e.complaintId,
    kind: e.kind,
    amount: amountOf(e),
    currency: e.currency,
    compensationId: e.compensationId,
    chargeId: e.chargeId,
    reference: e.reference,
    reason: e.reason,
    actor: e.actor,
    occurredAt: e.occurredAt.toISOString(),
    createdAt: e.createdAt.toISOString(),
  };
}

export function balanceToResponse(b: BalanceMinor): Balance {
  return balanceToMajor(b);
}

/** A supplier's ledger as CSV: the entries' fields in their JSON order (balances are the JSON answer's). */
export const LEDGER_CSV = fieldColumns<LedgerEntryResponseDto>([
  'id',
  'supplierId',
  'complaintId',
  'kind',
  'amount',
  'currency',
  'compensationId',
  'chargeId',
  'reference',
  'reason',
  'actor',
  'occurredAt',
  'createdAt',
]);
