import type { Supplier } from './domain/supplier.js';
import type { SupplierStatus, Tier } from './domain/supplier-lifecycle.js';
import type { SupplierResponseDto } from './dto/supplier-response.dto.js';
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

/** A row of the repository's supplier columns (dates as `YYYY-MM-DD`). */
export interface SupplierRow extends StandingRow {
  seq: string;
  external_ref: string;
  name: string;
  city: string | null;
  themes: string[];
  status_as_of: string | null;
  created_at: Date;
  updated_at: Date;
}

export function supplierFromRow(r: SupplierRow): Supplier {
  return {
    id: r.id,
    seq: String(r.seq),
    externalRef: r.external_ref,
    name: r.name,
    category: r.category,
    city: r.city,
    themes: r.themes,
    status: r.status,
    tier: r.tier,
    probationEndsAt: r.probation_ends_at,
    holdUntil: r.hold_until,
    auditFailedOn: r.audit_failed_on,
    statusAsOf: r.status_as_of,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
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
