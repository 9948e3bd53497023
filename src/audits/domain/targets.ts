import type { PolicySettings } from '../../policies/domain/policy.js';
import type { WindowCounts } from '../../scoring/domain/evaluation.js';
import type { CriticalMention } from '../../voice/reports/domain/aspect-reports.js';

/**
 * Which suppliers mystery shoppers should visit, and how urgently (PRODUCT.md: audits; Trust
 * rules; Voice of the customer). A supplier whose latest accepted audit failed is due for a
 * re-audit, ranked above every other target until it has one. Then a critical aspect (safety, say)
 * that its reviews spoke of negatively in the first evaluation window, a high negative rate, a
 * sharp change of positive rate against the previous window of the same length (either way: a
 * burst of praise is as suspicious as a slump), or no accepted audit in a year. Priority grows
 * with the size of the signal; a coverage gap alone ranks lowest.
 */
export const TARGET_REASONS = ['REAUDIT', 'CRITICAL_ASPECT', 'NEGATIVE_RATE', 'RATING_SHIFT', 'COVERAGE_GAP'] as const;
export type TargetReason = (typeof TARGET_REASONS)[number];
export const MIN_REVIEWS_FOR_SIGNAL = 10;
export const COVERAGE_DAYS = 365;
/**
 * A re-audit's priority, above any other target's: the review signals are each at most
 * 10 / 0.01 = 1,000 and the coverage gap 1. Above every single other target is what planning
 * needs too: the targets a plan can serve form a matroid, so the best plan takes the heaviest first.
 */
export const REAUDIT_PRIORITY = 10_000;
/**
 * CRITICAL_ASPECT's weight: 20 for one negative mention of a critical aspect, 5 more for each
 * further one, at most 100. One mention outranks a negative rate or a shift just at its threshold
 * (10 each: a safety report is worth a visit on its own), the weight still grows with the signal,
 * and it stays within the 1,000 that REAUDIT_PRIORITY is set above.
 */
export const CRITICAL_ASPECT_PRIORITY = { first: 20, each: 5, max: 100 } as const;

export interface TargetInput {
  supplierId: string;
  /** The first evaluation window as of the date. */
  current: WindowCounts;
  /** The window of the same length just before it. */
  previous: WindowCounts;
  /** As-of date of the latest accepted audit report, if any. */
  lastAcceptedAuditOn: string | null;
  /** The supplier's audit standing: the date of its latest accepted audit when that failed, else null. */
  auditFailedOn: string | null;
  /** The critical aspects of the latest taxonomy tagged NEGATIVE in the first evaluation window (none: []). */
  criticalAspects: CriticalMention[];
}

export interface AuditTarget {
  supplierId: string;
  reasons: TargetReason[];
  priority: number;
  negativeRate: number | null;
  shift: number | null;
  criticalAspects: CriticalMention[];
}

type TargetPolicy = Pick<PolicySettings, 'auditNegativeRate' | 'auditShiftThreshold'>;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function auditTarget(input: TargetInput, policy: TargetPolicy, asOf: string): AuditTarget | null {
  const reasons: TargetReason[] = [];
  let priority = 0;
  const { current, previous } = input;
  if (input.auditFailedOn !== null) {
    reasons.push('REAUDIT');
    priority += REAUDIT_PRIORITY;
  }
  const criticalAspects = input.criticalAspects.filter((c) => c.negative > 0);
  const critical = criticalAspects.reduce((sum, c) => sum + c.negative, 0);
  if (critical > 0) {
    reasons.push('CRITICAL_ASPECT');
    const { first, each, max } = CRITICAL_ASPECT_PRIORITY;
    priority += Math.min(max, first + each * (critical - 1));
  }
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
  return { supplierId: input.supplierId, reasons, priority: Math.round(priority * 1000) / 1000, negativeRate, shift, criticalAspects };
}

/** Re-audits first, then highest priority first; ties by supplier id so the same input gives the same order. */
export function rankTargets<T extends AuditTarget>(targets: T[]): T[] {
  const reaudit = (t: AuditTarget) => (t.reasons.includes('REAUDIT') ? 1 : 0);
  return [...targets].sort((a, b) => reaudit(b) - reaudit(a) || b.priority - a.priority || (a.supplierId < b.supplierId ? -1 : 1));
}
