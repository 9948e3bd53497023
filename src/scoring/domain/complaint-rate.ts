import type { PolicySettings } from '../../policies/domain/policy.js';

/** What the complaint signal counts for a supplier over a window (the complaints module's reader has this shape). */
export interface ComplaintCounts {
  /** Orders on days in [D − windowDays, D). */
  orders: number;
  /** Complaints opened in [D − windowDays, D) and resolved with fault SUPPLIER before D. */
  supplierFault: number;
}

/** The complaint rate as scorecards, simulations and decision evidence show it. */
export interface ComplaintFigures extends ComplaintCounts {
  windowDays: number;
  /** supplierFault / orders, or null below the policy's minOrders (the rate is then not applied). */
  rate: number | null;
}

/**
 * The second signal (PRODUCT.md, Complaint rate): supplier-fault complaints over orders in the
 * policy's complaint window, applied only with at least `minOrders` orders (and at least one).
 */
export function complaintFigures(
  counts: ComplaintCounts,
  policy: Pick<PolicySettings, 'complaintWindowDays' | 'minOrders'>,
): ComplaintFigures {
  const applies = counts.orders >= policy.minOrders && counts.orders > 0;
  return {
    windowDays: policy.complaintWindowDays,
    orders: counts.orders,
    supplierFault: counts.supplierFault,
    rate: applies ? counts.supplierFault / counts.orders : null,
  };
}

/** Whether the complaint rate is at or above the policy's bar (never when it does not apply). */
export function complaintsOverBar(
  figures: ComplaintFigures | null | undefined,
  policy: Pick<PolicySettings, 'complaintRateThreshold'>,
): boolean {
  return figures?.rate !== null && figures?.rate !== undefined && figures.rate >= policy.complaintRateThreshold;
}
