import type { AuditRow, ShopperRow } from './audits.repository.js';
import type { AuditDto, ShopperDto } from './dto/audit-responses.dto.js';

export function auditToResponse(a: AuditRow): AuditDto {
  return {
    id: a.id,
    supplierId: a.supplier_id,
    supplierName: a.supplier_name,
    shopperId: a.shopper_id,
    status: a.status,
    reasons: a.reasons,
    priority: a.priority,
    reason: a.reason,
    assignedAt: a.assigned_at.toISOString(),
    dueAt: a.due_at.toISOString(),
    report: a.report,
    score: a.score,
    submittedAt: a.submitted_at?.toISOString() ?? null,
    reviewNote: a.review_note,
    reviewedAt: a.reviewed_at?.toISOString() ?? null,
  };
}

export function shopperToResponse(s: ShopperRow): ShopperDto {
  return {
    id: s.id,
    displayName: s.display_name,
    city: s.city,
    categories: s.categories,
    themes: s.themes,
    maxOpenAudits: s.max_open_audits,
    openAudits: s.open_audits,
    conflictSupplierIds: s.conflict_supplier_ids,
    createdAt: s.created_at.toISOString(),
  };
}
