export const LEDGER_KINDS = ['COMPENSATION_PAID', 'RECOVERY_CHARGED', 'RECOVERY_SETTLED', 'RECOVERY_WAIVED'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** One movement of money, as stored: amounts in the currency's minor unit. Entries are never changed. */
export interface LedgerEntry {
  id: string;
  seq: string;
  supplierId: string;
  complaintId: string;
  kind: LedgerKind;
  amountMinor: bigint;
  currency: string;
  /** The currency's minor digits (2 for CNY, 0 for JPY), to show the amount in major units. */
  minorDigits: number;
  /** A RECOVERY_CHARGED entry's compensation. */
  compensationId: string | null;
  /** A settlement's or waiver's charge. */
  chargeId: string | null;
  reference: string | null;
  reason: string | null;
  actor: string;
  occurredAt: Date;
  createdAt: Date;
}
