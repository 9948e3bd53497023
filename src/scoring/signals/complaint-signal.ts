import type { EntityManager } from 'typeorm';

import type { ComplaintCounts } from '../domain/complaint-rate.js';

/**
 * The port through which scoring reads the complaint signal: per supplier, the orders and the
 * supplier-fault complaints of a window ending at a date (PRODUCT.md, Complaint rate).
 * Implemented by the complaints module (`ComplaintRateRepository`), which reads its `complaints`
 * and the orders module's `order_volumes`. Read for a whole batch at once; `manager` runs the read
 * in the caller's transaction.
 */
export interface ComplaintSignal {
  /**
   * For each supplier: orders on days in [asOf − days, asOf) and complaints opened in the same
   * range (00:00 UTC bounds) resolved with fault SUPPLIER before asOf; zeros when none.
   */
  countComplaints(supplierIds: string[], asOf: string, days: number, manager?: EntityManager): Promise<Map<string, ComplaintCounts>>;
}

/** The injection token of the complaint signal. */
export const COMPLAINT_SIGNAL = Symbol('ComplaintSignal');
