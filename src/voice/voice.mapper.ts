import type { ProposalResponseDto } from './proposals/dto/proposal.dto.js';
import type { ProposalRow } from './proposals/exclusion-proposals.repository.js';
import type { TaggingStatusDto } from './tagging/dto/tagging.dto.js';

export function proposalToResponse(p: ProposalRow): ProposalResponseDto {
  return {
    id: p.id,
    reviewId: p.review_id,
    supplierId: p.supplier_id,
    supplierName: p.supplier_name,
    category: p.category,
    aspects: [...p.aspects],
    policyVersion: p.policy_version,
    status: p.status,
    reason: p.reason,
    createdAt: p.created_at.toISOString(),
    decidedBy: p.decided_by,
    decidedAt: p.decided_at?.toISOString() ?? null,
  };
}

export function taggingStatusToResponse(s: { pending: number; oldestEnqueuedAt: Date | null; lagSeconds: number }): TaggingStatusDto {
  return {
    pending: s.pending,
    oldestEnqueuedAt: s.oldestEnqueuedAt?.toISOString() ?? null,
    lagSeconds: Math.round(s.lagSeconds * 1000) / 1000,
  };
}
