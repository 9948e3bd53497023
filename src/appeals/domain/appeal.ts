/**
 * Appeals (PRODUCT.md, "The supplier's own view and appeals"), as pure rules: what may be
 * appealed and until when, when a ruling is due, and what a granted appeal of a decision does to
 * the supplier's standing. Plain TypeScript, no framework.
 */
import type { DecisionKind } from '../../decisions/domain/decision.js';
import type { SupplierStatus } from '../../suppliers/domain/supplier-lifecycle.js';

export const APPEAL_TARGET_KINDS = ['DECISION', 'REVIEW', 'CHARGE'] as const;
export type AppealTargetKind = (typeof APPEAL_TARGET_KINDS)[number];

export const APPEAL_STATUSES = ['OPEN', 'GRANTED', 'DENIED'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

export const RULING_OUTCOMES = ['GRANTED', 'DENIED'] as const;
export type RulingOutcome = (typeof RULING_OUTCOMES)[number];

/** The decisions a supplier may appeal: those that hold something against it. */
export const APPEALABLE_DECISIONS: readonly DecisionKind[] = ['REJECT', 'WARNING', 'PENALTY', 'DELIST', 'AUDIT_FAILED'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Why a decision of this kind cannot be appealed, or null when it can. */
export function unappealableReason(kind: DecisionKind): string | null {
  if (APPEALABLE_DECISIONS.includes(kind)) return null;
  return `${/^[AEIOU]/.test(kind) ? 'An' : 'A'} ${kind} decision cannot be appealed (appealable: ${APPEALABLE_DECISIONS.join(', ')})`;
}

/** Why the appeal window of a target dated `at` is closed at `now`, or null while it is open (it includes its last instant). */
export function windowRefusal(at: Date, now: Date, windowDays: number): string | null {
  const closes = new Date(at.getTime() + windowDays * DAY);
  if (now.getTime() <= closes.getTime()) return null;
  return `The appeal window of ${windowDays} days closed at ${closes.toISOString()}`;
}

/** When a manager must have ruled on an appeal made at `createdAt`. */
export function decideBy(createdAt: Date, decisionHours: number): Date {
  return new Date(createdAt.getTime() + decisionHours * HOUR);
}

/** An open appeal is overdue from its deadline on (the deadline itself included). */
export function isOverdue(appeal: { status: AppealStatus; decideBy: Date }, now: Date): boolean {
  return appeal.status === 'OPEN' && now.getTime() >= appeal.decideBy.getTime();
}

/** The parts of a supplier's standing a granted appeal may change. */
export interface AppealStanding {
  status: SupplierStatus;
  tier: string | null;
  probationEndsAt: string | null;
  holdUntil: string | null;
  auditFailedOn: string | null;
}

export type Undo<S extends AppealStanding> = { ok: true; to: S } | { ok: false; reason: string };

/**
 * What a granted appeal of a decision does: the supplier goes back to where the decision took it
 * from, probation cleared, if it still stands where the decision left it (no later change of
 * status); otherwise the appeal is superseded. Decided where PRODUCT.md is silent:
 * - a delisting undone lands on ACTIVE, even from probation: a probation without its end date
 *   cannot be restored, and the delisting it ended is what was wrong;
 * - a rejection undone makes an applicant again (or leaves a delisted supplier delisted), who may
 *   apply at once;
 * - a warning undone changes no standing (the decision records the grant);
 * - a failed audit undone clears the audit standing, and the probation it began.
 */
export function undoDecision<S extends AppealStanding>(
  decision: { kind: DecisionKind; fromStatus: SupplierStatus; toStatus: SupplierStatus },
  now: S,
  changedSince: boolean,
): Undo<S> {
  if (now.status !== decision.toStatus || changedSince) {
    return {
      ok: false,
      reason: `The ${decision.kind} decision no longer stands: the supplier ${now.status === decision.toStatus ? 'has changed status since' : `is now ${now.status}`}`,
    };
  }
  switch (decision.kind) {
    case 'WARNING':
      return { ok: true, to: now };
    case 'PENALTY':
    case 'DELIST':
      return { ok: true, to: { ...now, status: 'ACTIVE', probationEndsAt: null } };
    case 'REJECT':
      return { ok: true, to: { ...now, status: decision.fromStatus === 'DELISTED' ? 'DELISTED' : 'APPLICANT' } };
    case 'AUDIT_FAILED':
      return decision.fromStatus === 'PROBATION'
        ? { ok: true, to: { ...now, auditFailedOn: null } }
        : { ok: true, to: { ...now, status: 'ACTIVE', probationEndsAt: null, auditFailedOn: null } };
    case 'ADMIT':
    case 'REINSTATE':
    case 'REWARD':
    case 'OVERRIDE':
    case 'AUDIT_PASSED':
    case 'APPEAL_GRANTED':
    case 'HOLD_LIFTED':
      return { ok: false, reason: unappealableReason(decision.kind) ?? `A ${decision.kind} decision cannot be undone` };
  }
}
