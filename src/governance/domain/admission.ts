import { pct } from '../../common/text/percent.js';
import { addDays } from '../../common/time/dates.js';
import type { PolicySettings } from '../../policies/domain/policy.js';
import type { Evaluation } from '../../scoring/domain/evaluation.js';
import type { SupplierStatus } from '../../suppliers/domain/supplier-lifecycle.js';

/** Admission (PRODUCT.md): the outcome of an application from the applicant's evaluation. */
export type AdmissionOutcome = 'ADMITTED' | 'PENDING_EVIDENCE' | 'REJECTED';

export function admissionOutcome(evaluation: Evaluation): AdmissionOutcome {
  switch (evaluation.tier) {
    case 'EXCELLENT':
    case 'GOOD':
      return 'ADMITTED';
    case 'INSUFFICIENT_DATA':
      return 'PENDING_EVIDENCE';
    case 'WATCH':
    case 'POOR':
      return 'REJECTED';
  }
}

/**
 * After a rejection or a delisting, a new application is allowed only once the cooldown has run,
 * counted from the as-of date of that rejection or delisting. Returns the first date a new
 * application may be made, or null when none is pending.
 */
export function cooldownEndsOn(
  status: SupplierStatus,
  statusAsOf: string | null,
  asOf: string,
  policy: Pick<PolicySettings, 'readmissionCooldownDays'>,
): string | null {
  if ((status !== 'REJECTED' && status !== 'DELISTED') || statusAsOf === null) return null;
  const ends = addDays(statusAsOf, policy.readmissionCooldownDays);
  return asOf < ends ? ends : null;
}

export function admissionReason(
  outcome: AdmissionOutcome,
  evaluation: Evaluation,
  policy: Pick<PolicySettings, 'admissionThreshold' | 'minReviews' | 'evaluationWindows'>,
): string {
  switch (outcome) {
    case 'ADMITTED':
      return `Rate ${pct(evaluation.rate!)} over the last ${evaluation.windowDays} days (${evaluation.positives}/${evaluation.n} positive) meets the admission bar of ${pct(policy.admissionThreshold)}.`;
    case 'REJECTED':
      return `Rate ${pct(evaluation.rate!)} over the last ${evaluation.windowDays} days (${evaluation.positives}/${evaluation.n} positive) is below the admission bar of ${pct(policy.admissionThreshold)}.`;
    case 'PENDING_EVIDENCE':
      return `Not enough reviews to decide: ${policy.minReviews} are needed in one of the ${policy.evaluationWindows.join('/')}-day windows (the longest has ${evaluation.n}).`;
  }
}

/**
 * Where an application leaves the supplier, for its next step: admitted, ACTIVE; rejected,
 * REJECTED with a cooldown from the application's date; waiting for evidence, as it was (an
 * applicant, or a rejected or delisted supplier whose cooldown has run).
 */
export function applicationStanding(
  outcome: AdmissionOutcome,
  supplier: { status: SupplierStatus; statusAsOf: string | null },
  asOf: string,
  policy: Pick<PolicySettings, 'readmissionCooldownDays'>,
): { status: SupplierStatus; mayApplyFrom: string | null } {
  switch (outcome) {
    case 'ADMITTED':
      return { status: 'ACTIVE', mayApplyFrom: null };
    case 'REJECTED':
      return { status: 'REJECTED', mayApplyFrom: cooldownEndsOn('REJECTED', asOf, asOf, policy) };
    case 'PENDING_EVIDENCE':
      return { status: supplier.status, mayApplyFrom: cooldownEndsOn(supplier.status, supplier.statusAsOf, asOf, policy) };
  }
}
