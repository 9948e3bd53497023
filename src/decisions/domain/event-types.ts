import type { Decision } from './decision.js';

export const EVENT_TYPES = [
  'supplier.admitted',
  'supplier.rejected',
  'supplier.probation',
  'supplier.reinstated',
  'supplier.delisted',
  'supplier.status_overridden',
  'supplier.audit_failed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The event a decision raises, or null when it does not change the supplier's status. */
export function eventTypeOf(decision: Pick<Decision, 'kind' | 'fromStatus' | 'toStatus'>): EventType | null {
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
    case 'DELIST':
      return 'supplier.delisted';
    case 'OVERRIDE':
      return 'supplier.status_overridden';
    case 'AUDIT_FAILED':
      return 'supplier.audit_failed';
    case 'REWARD':
    case 'WARNING':
    case 'AUDIT_PASSED':
      return null;
  }
}
