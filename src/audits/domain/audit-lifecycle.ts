import type { FieldError } from '../../common/errors/problem.js';
import { addDays } from '../../common/time/dates.js';
import type { ChecklistItem, PolicySettings } from '../../policies/domain/policy.js';
import type { SupplierStatus } from '../../suppliers/domain/supplier-lifecycle.js';

/** ASSIGNED → ACCEPTED → SUBMITTED → ACCEPTED_REPORT | REJECTED_REPORT, or DECLINED / EXPIRED. */
export const AUDIT_STATUSES = ['ASSIGNED', 'ACCEPTED', 'SUBMITTED', 'ACCEPTED_REPORT', 'REJECTED_REPORT', 'DECLINED', 'EXPIRED'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];
export const OPEN_AUDIT_STATUSES: AuditStatus[] = ['ASSIGNED', 'ACCEPTED', 'SUBMITTED'];

export type AuditAction = 'accept' | 'decline' | 'submit' | 'review' | 'expire';

const FROM: Record<AuditAction, AuditStatus[]> = {
  accept: ['ASSIGNED'],
  decline: ['ASSIGNED'],
  submit: ['ACCEPTED'],
  review: ['SUBMITTED'],
  expire: ['ASSIGNED', 'ACCEPTED'],
};

const PAST: Record<AuditAction, string> = {
  accept: 'accepted',
  decline: 'declined',
  submit: 'submitted',
  review: 'reviewed',
  expire: 'expired',
};

/** Why the action is not possible now, or null when it is. */
export function auditActionRefusal(status: AuditStatus, action: AuditAction): string | null {
  if (FROM[action].includes(status)) return null;
  const hint =
    action === 'submit' && status === 'ASSIGNED'
      ? ' (accept the assignment first)'
      : action === 'submit' && status === 'SUBMITTED'
        ? ' (a report was already submitted)'
        : action === 'review' && (status === 'ASSIGNED' || status === 'ACCEPTED')
          ? ' (no report has been submitted yet)'
          : '';
  return `The audit is ${status}; it cannot be ${PAST[action]} now${hint}`;
}

export interface ChecklistScore {
  key: string;
  score: number;
  note?: string;
}

/**
 * A report's score: the checklist's weighted mean of score / 5, times 100. Every key of the
 * category's checklist must be scored once, and nothing else.
 */
export function scoreReport(checklist: ChecklistItem[], scores: ChecklistScore[]): { score: number } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const byKey = new Map<string, number>();
  scores.forEach((s, i) => {
    if (!checklist.some((c) => c.key === s.key))
      errors.push({ field: `checklist[${i}].key`, message: `"${s.key}" is not on this category's checklist` });
    else if (byKey.has(s.key)) errors.push({ field: `checklist[${i}].key`, message: `"${s.key}" is scored twice` });
    byKey.set(s.key, s.score);
  });
  for (const item of checklist) {
    if (!byKey.has(item.key)) errors.push({ field: 'checklist', message: `"${item.key}" must be scored` });
  }
  if (errors.length > 0) return { errors };
  const totalWeight = checklist.reduce((sum, c) => sum + c.weight, 0);
  const weighted = checklist.reduce((sum, c) => sum + c.weight * (byKey.get(c.key)! / 5), 0);
  return { score: Math.round((weighted / totalWeight) * 100 * 100) / 100 };
}

export interface AuditSanction {
  kind: 'AUDIT_PASSED' | 'AUDIT_FAILED';
  status: SupplierStatus;
  probationEndsAt: string | null;
  /** The audit standing after this audit: its date when it failed, null when it passed. */
  auditFailedOn: string | null;
  reason: string;
}

/**
 * An accepted report's consequence (PRODUCT.md: Sanctions; Trust rules, "An audit outweighs the
 * reviews it contradicts"). Below auditPassScore the audit fails: an ACTIVE supplier goes on
 * probation for probationDays, one already on probation keeps its end date; either way the failure
 * stands until a passing re-audit, and reviews neither reward nor reinstate the supplier meanwhile.
 * A passing audit clears the failure, and reinstates a supplier that is on probation while one
 * stands (a probation the reviews alone caused is the reviews' to end).
 */
export function auditSanction(
  policy: Pick<PolicySettings, 'auditPassScore' | 'probationDays'>,
  supplier: { status: SupplierStatus; probationEndsAt: string | null; auditFailedOn: string | null },
  score: number,
  asOf: string,
): AuditSanction {
  const mark = `(pass mark ${policy.auditPassScore})`;
  if (score >= policy.auditPassScore) {
    if (supplier.status === 'PROBATION' && supplier.auditFailedOn !== null) {
      return {
        kind: 'AUDIT_PASSED',
        status: 'ACTIVE',
        probationEndsAt: null,
        auditFailedOn: null,
        reason: `A mystery-shopper re-audit scored ${score} ${mark}, outweighing the failed audit of ${supplier.auditFailedOn}: reinstated.`,
      };
    }
    return {
      kind: 'AUDIT_PASSED',
      status: supplier.status,
      probationEndsAt: supplier.probationEndsAt,
      auditFailedOn: null,
      reason: `A mystery-shopper audit scored ${score} ${mark}.`,
    };
  }
  const below = `A mystery-shopper audit scored ${score}, below the pass mark of ${policy.auditPassScore}`;
  if (supplier.status === 'ACTIVE') {
    const ends = addDays(asOf, policy.probationDays);
    return {
      kind: 'AUDIT_FAILED',
      status: 'PROBATION',
      probationEndsAt: ends,
      auditFailedOn: asOf,
      reason: `${below}: on probation until ${ends}.`,
    };
  }
  return {
    kind: 'AUDIT_FAILED',
    status: supplier.status,
    probationEndsAt: supplier.probationEndsAt,
    auditFailedOn: asOf,
    reason: supplier.status === 'PROBATION' ? `${below}; the probation keeps its end date, ${supplier.probationEndsAt}.` : `${below}.`,
  };
}
