import type { ReviewResponseDto } from './dto/review-response.dto.js';
import type { Review, ReviewRow } from './review-reads.repository.js';

export function reviewFromRow(r: ReviewRow): Review {
  return {
    id: r.id,
    source: r.source,
    externalId: r.external_id,
    supplierId: r.supplier_id,
    category: r.category,
    rating: r.rating,
    reviewedAt: r.reviewed_at,
    title: r.title,
    text: r.body,
    productRef: r.product_ref,
    excludedAt: r.excluded_at,
    excludedReason: r.excluded_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    aspects: r.tags ?? [],
    aspectsPolicyVersion: r.tags_policy_version,
  };
}

export function reviewToResponse(r: Review): ReviewResponseDto {
  return {
    id: r.id,
    source: r.source,
    externalId: r.externalId,
    supplierId: r.supplierId,
    rating: r.rating,
    reviewedAt: r.reviewedAt.toISOString(),
    title: r.title,
    text: r.text,
    productRef: r.productRef,
    excluded: r.excludedAt !== null,
    excludedAt: r.excludedAt?.toISOString() ?? null,
    excludedReason: r.excludedReason,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    aspects: r.aspects.map((a) => ({ key: a.key, polarity: a.polarity, evidence: a.evidence })),
    aspectsPolicyVersion: r.aspectsPolicyVersion,
  };
}
