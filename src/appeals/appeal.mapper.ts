import { isJobActor, PERSON_SEEN_BY_SUPPLIERS } from '../decisions/domain/supplier-view.js';
import type { AppealRow } from './appeals.repository.js';
import { isOverdue } from './domain/appeal.js';
import type { AppealResponseDto } from './dto/appeal.dto.js';

/** An appeal as the API shows it at `now`; for its supplier, who ruled reads "category manager". */
export function appealToResponse(r: AppealRow, now: Date, forSupplier = false): AppealResponseDto {
  return {
    id: r.id,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    target: { kind: r.target_kind, id: r.target_id },
    statement: r.statement,
    evidenceUrls: r.evidence_urls,
    status: r.status,
    decideBy: r.decide_by.toISOString(),
    overdue: isOverdue({ status: r.status, decideBy: r.decide_by }, now),
    ruling:
      r.status === 'OPEN' || r.ruled_at === null
        ? null
        : {
            outcome: r.status,
            reason: r.ruling_reason ?? '',
            by: forSupplier && !isJobActor(r.ruled_by ?? '') ? PERSON_SEEN_BY_SUPPLIERS : (r.ruled_by ?? ''),
            at: r.ruled_at.toISOString(),
          },
    createdAt: r.created_at.toISOString(),
  };
}
