import type { CsvColumn } from '../common/http/csv.js';
import type { DecisionEntity } from './decision.entity.js';
import { evidenceOfRow, type EvidenceRow } from './decision-evidence.js';
import type { Decision } from './domain/decision.js';
import type { FeedDecisionDto } from './dto/decision-feed.dto.js';
import type { DecisionResponseDto } from './dto/decision-response.dto.js';

export function decisionFromEntity(e: DecisionEntity): Decision {
  return { ...e, seq: String(e.seq) };
}

/** A decision read by SQL with `REFERENCED_EVIDENCE_COLUMNS` (`as_of` as text). */
export interface DecisionRow extends EvidenceRow {
  id: string;
  seq: string;
  supplier_id: string;
  kind: Decision['kind'];
  from_status: Decision['fromStatus'];
  to_status: Decision['toStatus'];
  as_of: string;
  policy_version: number | null;
  reason: string;
  next_step: string | null;
  actor: string;
  run_id: string | null;
  created_at: Date;
}

export function decisionFromRow(r: DecisionRow): Decision {
  return {
    id: r.id,
    seq: String(r.seq),
    supplierId: r.supplier_id,
    kind: r.kind,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    asOf: r.as_of,
    policyVersion: r.policy_version,
    evidence: evidenceOfRow(r),
    reason: r.reason,
    nextStep: r.next_step,
    actor: r.actor,
    runId: r.run_id,
    createdAt: r.created_at,
  };
}

export function decisionToResponse(d: Decision): DecisionResponseDto {
  return {
    id: d.id,
    supplierId: d.supplierId,
    kind: d.kind,
    fromStatus: d.fromStatus,
    toStatus: d.toStatus,
    asOf: d.asOf,
    policyVersion: d.policyVersion,
    evidence: d.evidence,
    reason: d.reason,
    nextStep: d.nextStep,
    actor: d.actor,
    createdAt: d.createdAt.toISOString(),
  };
}

export function feedDecisionToResponse(d: Decision & { supplierName: string }): FeedDecisionDto {
  return { ...decisionToResponse(d), supplierName: d.supplierName };
}

/** The decision feed as CSV: the JSON item's fields, evidence as JSON text. */
export const DECISION_CSV: ReadonlyArray<CsvColumn<FeedDecisionDto>> = [
  { header: 'id', value: (d) => d.id },
  { header: 'supplierId', value: (d) => d.supplierId },
  { header: 'supplierName', value: (d) => d.supplierName },
  { header: 'kind', value: (d) => d.kind },
  { header: 'fromStatus', value: (d) => d.fromStatus },
  { header: 'toStatus', value: (d) => d.toStatus },
  { header: 'asOf', value: (d) => d.asOf },
  { header: 'policyVersion', value: (d) => d.policyVersion },
  { header: 'reason', value: (d) => d.reason },
  { header: 'nextStep', value: (d) => d.nextStep },
  { header: 'actor', value: (d) => d.actor },
  { header: 'createdAt', value: (d) => d.createdAt },
  { header: 'evidence', value: (d) => d.evidence },
];
