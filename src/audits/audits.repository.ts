import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { AuditException, AuditExceptionCode } from './audit.exception.js';
import type { AuditStatus } from './domain/audit-lifecycle.js';
import type { AuditDto, ShopperDto } from './dto/audits.dto.js';

export interface AuditRow {
  id: string;
  seq: string;
  supplier_id: string;
  shopper_id: string;
  status: AuditStatus;
  reasons: string[];
  priority: number | null;
  reason: string | null;
  assigned_at: Date;
  due_at: Date;
  report: Record<string, unknown> | null;
  score: number | null;
  submitted_at: Date | null;
  review_note: string | null;
  reviewed_at: Date | null;
  category: string;
  supplier_name: string;
  city: string | null;
}

export interface ShopperRow {
  id: string;
  seq: string;
  display_name: string;
  city: string | null;
  categories: string[];
  themes: string[];
  max_open_audits: number;
  conflict_supplier_ids: string[];
  created_at: Date;
  open_audits: number;
}

export const AUDIT_SELECT = `
  SELECT a.id, a.seq, a.supplier_id, a.shopper_id, a.status, a.reasons, a.priority, a.reason, a.assigned_at, a.due_at,
         a.report, a.score, a.submitted_at, a.review_note, a.reviewed_at, s.category, s.name AS supplier_name, s.city
    FROM audits a JOIN suppliers s ON s.id = a.supplier_id`;

export const SHOPPER_SELECT = `
  SELECT sh.*, (SELECT count(*) FROM audits a WHERE a.shopper_id = sh.id AND a.status IN ('ASSIGNED', 'ACCEPTED', 'SUBMITTED'))::int AS open_audits
    FROM shoppers sh`;

export function auditToResponse(a: AuditRow): AuditDto {
  return {
    id: a.id,
    supplierId: a.supplier_id,
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

/** Reading and writing audits and shoppers; the rules live in the services and domain/. */
@Injectable()
export class AuditsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async shopper(id: string, manager: EntityManager = this.dataSource.manager): Promise<ShopperRow> {
    const rows = (await manager.query(`${SHOPPER_SELECT} WHERE sh.id = $1`, [id])) as ShopperRow[];
    if (rows.length === 0) throw new AuditException(AuditExceptionCode.SHOPPER_NOT_FOUND, `Shopper ${id} does not exist`);
    return rows[0];
  }

  async insertAudit(
    supplierId: string,
    shopperId: string,
    dueAt: string,
    reasons: string[],
    priority: number | null,
    reason: string | null,
    actor: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AuditRow> {
    const [{ id }] = (await manager.query(
      `INSERT INTO audits (supplier_id, shopper_id, status, reasons, priority, reason, due_at, created_by)
       VALUES ($1, $2, 'ASSIGNED', $3, $4, $5, $6, $7) RETURNING id`,
      [supplierId, shopperId, reasons, priority, reason, dueAt, actor],
    )) as Array<{ id: string }>;
    return this.audit(id, manager);
  }

  async audit(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<AuditRow> {
    const rows = (await manager.query(`${AUDIT_SELECT} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [id])) as AuditRow[];
    if (rows.length === 0) throw new AuditException(AuditExceptionCode.AUDIT_NOT_FOUND, `Audit ${id} does not exist`);
    return rows[0];
  }
}
