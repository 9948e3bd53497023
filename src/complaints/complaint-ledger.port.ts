import type { EntityManager } from 'typeorm';

/**
 * What the complaints module asks of the ledger (LedgerService, layer 5): every write in the
 * caller's transaction, so it commits with the complaint's change. Bound in complaints.module.ts.
 */
export const COMPLAINT_LEDGER = Symbol('COMPLAINT_LEDGER');

export interface LedgerEntryLike {
  id: string;
}

export interface ComplaintLedger {
  recordCompensation(
    manager: EntityManager,
    input: {
      complaintId: string;
      supplierId: string;
      chargeable: boolean;
      amount: number | string;
      currency: string;
      paidAt: Date;
      reference: string | null;
      actor: string;
    },
  ): Promise<{ entry: LedgerEntryLike; charge: LedgerEntryLike | null }>;
  chargeRuling(
    manager: EntityManager,
    input: { complaintId: string; supplierId: string; actor: string; at: Date },
  ): Promise<LedgerEntryLike[]>;
  compensationOf(complaintIds: string[], manager?: EntityManager): Promise<Map<string, Array<{ amount: number; currency: string }>>>;
}
