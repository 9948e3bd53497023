import type { Decision } from './domain/decision.js';
import type { DecisionEntity } from './decision.entity.js';
import type { DecisionResponseDto } from './dto/decision-response.dto.js';

export function decisionFromEntity(e: DecisionEntity): Decision {
  return { ...e, seq: String(e.seq) };
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
