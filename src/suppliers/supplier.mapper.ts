import type { Supplier } from './domain/supplier.js';
import type { SupplierResponseDto } from './dto/supplier-response.dto.js';
import type { SupplierEntity } from './supplier.entity.js';

export function supplierFromEntity(e: SupplierEntity): Supplier {
  return {
    id: e.id,
    seq: String(e.seq),
    externalRef: e.externalRef,
    name: e.name,
    category: e.category,
    city: e.city,
    themes: e.themes,
    status: e.status,
    tier: e.tier,
    probationEndsAt: e.probationEndsAt,
    holdUntil: e.holdUntil,
    auditFailedOn: e.auditFailedOn,
    statusAsOf: e.statusAsOf,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

export function supplierToResponse(s: Supplier): SupplierResponseDto {
  return {
    id: s.id,
    externalRef: s.externalRef,
    name: s.name,
    category: s.category,
    city: s.city,
    themes: s.themes,
    status: s.status,
    tier: s.tier,
    probationEndsAt: s.probationEndsAt,
    holdUntil: s.holdUntil,
    auditFailedOn: s.auditFailedOn,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
