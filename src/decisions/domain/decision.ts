import type { SupplierStatus } from '../../suppliers/domain/supplier-lifecycle.js';

export const DECISION_KINDS = [
  'REWARD',
  'WARNING',
  'PENALTY',
  'REINSTATE',
  'DELIST',
  'ADMIT',
  'REJECT',
  'OVERRIDE',
  'AUDIT_PASSED',
  'AUDIT_FAILED',
  'APPEAL_GRANTED',
  'HOLD_LIFTED',
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** An append-only record of what governance did to a supplier, and why. */
export interface Decision {
  id: string;
  seq: string;
  supplierId: string;
  kind: DecisionKind;
  fromStatus: SupplierStatus;
  toStatus: SupplierStatus;
  asOf: string;
  policyVersion: number | null;
  evidence: Record<string, unknown> | null;
  reason: string;
  nextStep: string | null;
  actor: string;
  /** The scoring run that made it, for automated decisions. */
  runId: string | null;
  createdAt: Date;
}

/** What an append returns of a decision it wrote, and all its event needs. */
export type AppendedDecision = Pick<Decision, 'id' | 'supplierId' | 'kind' | 'fromStatus' | 'toStatus'>;

export type NewDecision = Omit<Decision, 'id' | 'seq' | 'createdAt' | 'runId'> & {
  runId?: string | null;
  /** The audit an audit decision rests on (at most one decision per audit). */
  auditId?: string | null;
};
