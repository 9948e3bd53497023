import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { AuditException, AuditExceptionCode } from './audit.exception.js';
import type { AuditStatus } from './domain/audit-lifecycle.js';

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

const AUDIT_SELECT = `
  SELECT a.id, a.seq, a.supplier_id, a.shopper_id, a.status, a.reasons, a.priority, a.reason, a.assigned_at, a.due_at,
         a.report, a.score, a.submitted_at, a.review_note, a.reviewed_at, s.category, s.name AS supplier_name, s.city
    FROM audits a JOIN suppliers s ON s.id = a.supplier_id`;

const SHOPPER_SELECT = `
  SELECT sh.*, (SELECT count(*) FROM audits a WHERE a.shopper_id = sh.id AND a.status IN ('ASSIGNED', 'ACCEPTED', 'SUBMITTED'))::int AS open_audits
    FROM shoppers sh`;

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

  /** Audits newest first, filtered; `scope` limits to suppliers of those categories (null: all). */
  async list(filter: {
    status?: string;
    supplierId?: string;
    scope: readonly string[] | null;
    before?: string;
    limit: number;
  }): Promise<AuditRow[]> {
    return (await this.dataSource.query(
      `${AUDIT_SELECT}
        WHERE ($1::text IS NULL OR a.status = $1) AND ($2::uuid IS NULL OR a.supplier_id = $2)
          AND ($3::text[] IS NULL OR s.category = ANY($3)) AND ($4::bigint IS NULL OR a.seq < $4)
        ORDER BY a.seq DESC LIMIT $5`,
      [filter.status ?? null, filter.supplierId ?? null, filter.scope ? [...filter.scope] : null, filter.before ?? null, filter.limit + 1],
    )) as AuditRow[];
  }

  /** A shopper's own assignments, newest first. */
  async ofShopper(shopperId: string, before: string | undefined, limit: number): Promise<AuditRow[]> {
    return (await this.dataSource.query(
      `${AUDIT_SELECT} WHERE a.shopper_id = $1 AND ($2::bigint IS NULL OR a.seq < $2) ORDER BY a.seq DESC LIMIT $3`,
      [shopperId, before ?? null, limit + 1],
    )) as AuditRow[];
  }

  async markAccepted(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE audits SET status = 'ACCEPTED', accepted_at = now(), updated_at = now() WHERE id = $1`, [id]);
  }

  async markDeclined(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE audits SET status = 'DECLINED', updated_at = now() WHERE id = $1`, [id]);
  }

  async recordReport(manager: EntityManager, id: string, report: unknown, score: number): Promise<void> {
    await manager.query(
      `UPDATE audits SET status = 'SUBMITTED', report = $2, score = $3, submitted_at = now(), updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(report), score],
    );
  }

  async recordReview(manager: EntityManager, id: string, accepted: boolean, note: string, by: string): Promise<void> {
    await manager.query(
      `UPDATE audits SET status = $2, review_note = $3, reviewed_by = $4, reviewed_at = now(), updated_at = now() WHERE id = $1`,
      [id, accepted ? 'ACCEPTED_REPORT' : 'REJECTED_REPORT', note, by],
    );
  }

  /** Open assignments past their due date expire; returns how many. */
  async expireOverdue(now: Date): Promise<number> {
    const rows = (await this.dataSource.query(
      `WITH expired AS (
         UPDATE audits SET status = 'EXPIRED', updated_at = now() WHERE status IN ('ASSIGNED', 'ACCEPTED') AND due_at < $1 RETURNING id)
       SELECT count(*)::int AS n FROM expired`,
      [now.toISOString()],
    )) as Array<{ n: number }>;
    return rows[0].n;
  }

  /** Active suppliers of a category, and how many had an accepted audit in the last `days` days. */
  async coverage(category: string, days: number): Promise<{ active: number; audited: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS active,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM audits a WHERE a.supplier_id = s.id AND a.status = 'ACCEPTED_REPORT'
                                                 AND a.reviewed_at >= now() - make_interval(days => $2)))::int AS audited
         FROM suppliers s WHERE s.category = $1 AND s.status IN ('ACTIVE', 'PROBATION')`,
      [category, days],
    )) as Array<{ active: number; audited: number }>;
    return row;
  }

  /** A category's active suppliers with their last accepted audit's date, their audit standing and whether one is open. */
  async candidates(
    category: string,
  ): Promise<Array<{ id: string; name: string; last_audit: string | null; audit_failed_on: string | null; open_audit: boolean }>> {
    return (await this.dataSource.query(
      `SELECT s.id, s.name, to_char(s.audit_failed_on, 'YYYY-MM-DD') AS audit_failed_on,
              (SELECT to_char(max(a.reviewed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') FROM audits a WHERE a.supplier_id = s.id AND a.status = 'ACCEPTED_REPORT') AS last_audit,
              EXISTS (SELECT 1 FROM audits a WHERE a.supplier_id = s.id AND a.status IN ('ASSIGNED', 'ACCEPTED', 'SUBMITTED')) AS open_audit
         FROM suppliers s WHERE s.category = $1 AND s.status IN ('ACTIVE', 'PROBATION') ORDER BY s.seq`,
      [category],
    )) as Array<{ id: string; name: string; last_audit: string | null; audit_failed_on: string | null; open_audit: boolean }>;
  }

  /** Who audited each of these suppliers last (a submitted or reviewed report). */
  async lastAuditors(supplierIds: string[]): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (supplier_id) supplier_id, shopper_id FROM audits
        WHERE supplier_id = ANY($1::uuid[]) AND status IN ('SUBMITTED', 'ACCEPTED_REPORT', 'REJECTED_REPORT')
        ORDER BY supplier_id, seq DESC`,
      [supplierIds],
    )) as Array<{ supplier_id: string; shopper_id: string }>;
    return new Map(rows.map((r) => [r.supplier_id, r.shopper_id]));
  }

  async allShoppers(): Promise<ShopperRow[]> {
    return (await this.dataSource.query(`${SHOPPER_SELECT} ORDER BY sh.seq`)) as ShopperRow[];
  }

  /** Locks the shopper so two assignments cannot both take its last slot. */
  async lockShopper(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT id FROM shoppers WHERE id = $1 FOR UPDATE`, [id]);
  }

  async insertShopper(shopper: {
    displayName: string;
    city: string | null;
    categories: string[];
    themes: string[];
    maxOpenAudits: number;
    conflictSupplierIds: string[];
    actor: string;
  }): Promise<string> {
    const [{ id }] = (await this.dataSource.query(
      `INSERT INTO shoppers (display_name, city, categories, themes, max_open_audits, conflict_supplier_ids, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        shopper.displayName,
        shopper.city,
        shopper.categories,
        shopper.themes,
        shopper.maxOpenAudits,
        shopper.conflictSupplierIds,
        shopper.actor,
      ],
    )) as Array<{ id: string }>;
    return id;
  }

  /** Shoppers oldest first after a seq; `scope` keeps those auditing any of these categories (null: all). */
  async listShoppers(after: string | undefined, scope: readonly string[] | null, limit: number): Promise<ShopperRow[]> {
    return (await this.dataSource.query(
      `${SHOPPER_SELECT} WHERE ($1::bigint IS NULL OR sh.seq > $1) AND ($2::text[] IS NULL OR sh.categories && $2) ORDER BY sh.seq LIMIT $3`,
      [after ?? null, scope ? [...scope] : null, limit + 1],
    )) as ShopperRow[];
  }
}
