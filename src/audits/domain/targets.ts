import type { PolicySettings } from '../../policies/domain/policy.js';
import type { WindowCounts } from '../../scoring/domain/evaluation.js';

/**
 * Which suppliers mystery shoppers should visit, and how urgently (PRODUCT.md: audits).
 * A high negative rate, a sharp change of positive rate against the previous window of the same
 * length (either way: a burst of praise is as suspicious as a slump), or no accepted audit in a
 * year. Priority grows with the size of the signal; a coverage gap alone ranks lowest.
 */
export type TargetReason = 'NEGATIVE_RATE' | 'RATING_SHIFT' | 'COVERAGE_GAP';
export const MIN_REVIEWS_FOR_SIGNAL = 10;
export const COVERAGE_DAYS = 365;

export interface TargetInput {
  supplierId: string;
  /** The first evaluation window as of the date. */
  current: WindowCounts;
  /** The window of the same length just before it. */
  previous: WindowCounts;
  /** As-of date of the latest accepted audit report, if any. */
  lastAcceptedAuditOn: string | null;
}

export interface AuditTarget {
  supplierId: string;
  reasons: TargetReason[];
  priority: number;
  negativeRate: number | null;
  shift: number | null;
}

type TargetPolicy = Pick<PolicySettings, 'auditNegativeRate' | 'auditShiftThreshold'>;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function auditTarget(input: TargetInput, policy: TargetPolicy, asOf: string): AuditTarget | null {
  const reasons: TargetReason[] = [];
  let priority = 0;
  const { current, previous } = input;
  const negativeRate = current.n > 0 ? 1 - current.positives / current.n : null;
  if (negativeRate !== null && current.n >= MIN_REVIEWS_FOR_SIGNAL && negativeRate >= policy.auditNegativeRate) {
    reasons.push('NEGATIVE_RATE');
    priority += 10 * (negativeRate / Math.max(policy.auditNegativeRate, 0.01));
  }
  let shift: number | null = null;
  if (current.n >= MIN_REVIEWS_FOR_SIGNAL && previous.n >= MIN_REVIEWS_FOR_SIGNAL) {
    shift = current.positives / current.n - previous.positives / previous.n;
    if (Math.abs(shift) >= policy.auditShiftThreshold) {
      reasons.push('RATING_SHIFT');
      priority += 10 * (Math.abs(shift) / Math.max(policy.auditShiftThreshold, 0.01));
    }
  }
  if (input.lastAcceptedAuditOn === null || daysBetween(input.lastAcceptedAuditOn, asOf) > COVERAGE_DAYS) {
    reasons.push('COVERAGE_GAP');
    priority += 1;
  }
  if (reasons.length === 0) return null;
  return { supplierId: input.supplierId, reasons, priority: Math.round(priority * 1000) / 1000, negativeRate, shift };
}

/** Highest priority first; ties by supplier id so the same input gives the same order. */
export function rankTargets(targets: AuditTarget[]): AuditTarget[] {
  return [...targets].sort((a, b) => b.priority - a.priority || (a.supplierId < b.supplierId ? -1 : 1));
}
