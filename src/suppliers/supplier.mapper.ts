import type { Supplier } from './domain/supplier.js';
import type { SupplierStatus, Tier } from './domain/supplier-lifecycle.js';
import type { SupplierResponseDto } from './dto/supplier-response.dto.js';
import type { SupplierEntity } from './supplier.entity.js';
import type { NamedStanding, StandingOfSupplier } from './suppliers.repository.js';

/** A row of the repository's standing columns. */
export interface StandingRow {
  id: string;
  category: string;
  status: SupplierStatus;
  tier: Tier | null;
  probation_ends_at: string | null;
  hold_until: string | null;
  audit_failed_on: string | null;
}

export function standingFromRow(r: StandingRow): StandingOfSupplier {
  return {
    id: r.id,
    category: r.category,
    status: r.status,
    tier: r.tier,
    probationEndsAt: r.probation_ends_at,
    holdUntil: r.hold_until,
    auditFailedOn: r.audit_failed_on,
  };
}

export function namedStandingFromRow(r: StandingRow & { name: string }): NamedStanding {
  return { ...standingFromRow(r), name: r.name };
}

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
