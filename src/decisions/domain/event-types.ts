import type { Decision } from './decision.js';

export const EVENT_TYPES = [
  'supplier.admitted',
  'supplier.rejected',
  'supplier.probation',
  'supplier.reinstated',
  'supplier.delisted',
  'supplier.status_overridden',
  'supplier.audit_failed',
  'supplier.appeal_granted',
  'complaint.response_overdue',
  'complaint.resolution_overdue',
  'complaint.resolved',
  'ledger.recovery_charged',
  'appeal.overdue',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The events a decision raises (`eventTypeOf`); the others carry a payload of their own. */
export type DecisionEventType = Extract<EventType, `supplier.${string}`>;

/**
 * The event a decision raises, or null when it raises none: every change of status, and every
 * failed audit. Entering probation is `supplier.probation` whatever caused it (a run's penalty or
 * a failed audit); leaving it for ACTIVE is `supplier.reinstated` (a run, or a passing re-audit).
 * A failed audit that does not move the supplier (it is already on probation, which keeps its end
 * date) is `supplier.audit_failed`. A hold lifted changes no status and raises none.
 */
export function eventTypeOf(decision: Pick<Decision, 'kind' | 'fromStatus' | 'toStatus'>): DecisionEventType | null {
  const entersProbation = decision.fromStatus !== 'PROBATION' && decision.toStatus === 'PROBATION';
  if (decision.kind === 'AUDIT_FAILED') return entersProbation ? 'supplier.probation' : 'supplier.audit_failed';
  if (decision.fromStatus === decision.toStatus) return null;
  switch (decision.kind) {
    case 'ADMIT':
      return 'supplier.admitted';
    case 'REJECT':
      return 'supplier.rejected';
    case 'PENALTY':
      return 'supplier.probation';
    case 'REINSTATE':
      return 'supplier.reinstated';
    case 'AUDIT_PASSED':
      return decision.fromStatus === 'PROBATION' && decision.toStatus === 'ACTIVE' ? 'supplier.reinstated' : null;
    case 'DELIST':
      return 'supplier.delisted';
    case 'OVERRIDE':
      return 'supplier.status_overridden';
    case 'APPEAL_GRANTED':
      return 'supplier.appeal_granted';
    case 'REWARD':
    case 'WARNING':
    case 'HOLD_LIFTED':
      return null;
  }
}
