import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import type { ComplaintStatus } from './domain/complaint.js';
import type { ValidComplaintItem } from './domain/complaint-item.js';
import type { StepChange } from './domain/complaint-lifecycle.js';
import type { SlaComplaint } from './domain/sla.js';

/** A complaint row, with its supplier's name and category. */
export interface ComplaintRow {
  id: string;
  seq: string;
  source: string;
  external_id: string;
  supplier_id: string;
  supplier_name: string;
  category: string;
  order_ref: string;
  opened_at: Date;
  complaint_category: string;
  severity: string;
  description: string;
  claimed_minor: string | null;
  claimed_currency: string | null;
  claimed_digits: number | null;
  status: ComplaintStatus;
  policy_version: number;
  respond_by: Date;
  resolve_by: Date;
  responded_at: Date | null;
  responded_by: string | null;
  response_message: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  fault: string | null;
  resolution: string | null;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
  created_by: string;
  created_at: Date;
}

/** A valid item with its supplier, deadlines and id, ready to insert. */
export interface NewComplaint extends ValidComplaintItem {
  id: string;
  supplierId: string;
  policyVersion: number;
  respondBy: Date;
  resolveBy: Date;
  createdBy: string;
}

export interface ComplaintListFilter {
  category?: string;
  scope: string[] | null;
  supplierId?: string;
  status?: ComplaintStatus;
  /** Overdue at this instant (either deadline). */
  overdueAt?: Date;
  after?: string;
  limit: number;
}

export type OverdueKind = 'response' | 'resolution';

const SELECT_COMPLAINT = `
  SELECT c.id, c.seq, c.source, c.external_id, c.supplier_id, s.name AS supplier_name, s.category, c.order_ref, c.opened_at, c.complaint_category, c.severity,
         c.description, c.claimed_minor, c.claimed_currency, cur.minor_digits AS claimed_digits, c.status, c.policy_version, c.respond_by, c.resolve_by, c.responded_at,
         c.responded_by, c.response_message, c.resolved_at, c.resolved_by, c.fault, c.resolution, c.withdrawn_at, c.withdrawn_by,
         c.withdrawal_reason, c.created_by, c.created_at
    FROM complaints c JOIN suppliers s ON s.id = c.supplier_id
         LEFT JOIN currencies cur ON cur.code = c.claimed_currency`;

/**
 * Overdue at $n: the SQL twin of `overdueAt` (domain/deadlines.ts). Not withdrawn and not
 * answered is OPEN, not withdrawn and not resolved is OPEN or RESPONDED (the table's checks,
 * migration 1764201600000), written so that the partial indexes on those statuses serve it.
 */
const overdueSql = (n: number) =>
  `((c.status = 'OPEN' AND c.respond_by <= $${n}) OR (c.status IN ('OPEN', 'RESPONDED') AND c.resolve_by <= $${n}))`;

/** Deadline not met and its event not raised yet: the predicate of the partial indexes of migration 1764157200000. */
const DUE = {
  response: `response_overdue_raised_at IS NULL AND status <> 'WITHDRAWN' AND (responded_at IS NULL OR responded_at >= respond_by)`,
  resolution: `resolution_overdue_raised_at IS NULL AND status <> 'WITHDRAWN' AND (resolved_at IS NULL OR resolved_at >= resolve_by)`,
} as const;

/** A complaint's key: source, chr(30), external id (validation refuses control characters in both). */
export const complaintKey = (c: { source: string; externalId: string }): string => `${c.source}\x1e${c.externalId}`;

/** The one writer of `complaints`. */
@Injectable()
export class ComplaintsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<ComplaintRow | null> {
    const rows = (await manager.query(`${SELECT_COMPLAINT} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id])) as ComplaintRow[];
    return rows[0] ?? null;
  }

  /** The stored complaints with these keys, locked in the caller's transaction, by key. */
  async lockByKeys(manager: EntityManager, keys: Array<{ source: string; externalId: string }>): Promise<Map<string, ComplaintRow>> {
    if (keys.length === 0) return new Map();
    const rows = (await manager.query(
      `${SELECT_COMPLAINT}
         JOIN unnest($1::text[], $2::text[]) AS k(source, external_id) ON k.source = c.source AND k.external_id = c.external_id
        ORDER BY c.source, c.external_id
          FOR UPDATE OF c`,
      [keys.map((k) => k.source), keys.map((k) => k.externalId)],
    )) as ComplaintRow[];
    return new Map(rows.map((r) => [complaintKey({ source: r.source, externalId: r.external_id }), r]));
  }

  /** Inserts the complaints whose key is new; returns the keys it inserted (the others exist). */
  async insertNew(manager: EntityManager, items: NewComplaint[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const rows = (await manager.query(
      `INSERT INTO complaints (id, source, external_id, supplier_id, order_ref, opened_at, complaint_category, severity, description,
                               claimed_minor, claimed_currency, policy_version, respond_by, resolve_by, created_by)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::timestamptz[], $7::text[], $8::text[],
                            $9::text[], $10::bigint[], $11::text[], $12::int[], $13::timestamptz[], $14::timestamptz[], $15::text[])
       ON CONFLICT (source, external_id) DO NOTHING
       RETURNING source, external_id`,
      [
        items.map((i) => i.id),
        items.map((i) => i.source),
        items.map((i) => i.externalId),
        items.map((i) => i.supplierId),
        items.map((i) => i.orderRef),
        items.map((i) => i.openedAt.toISOString()),
        items.map((i) => i.complaintCategory),
        items.map((i) => i.severity),
        items.map((i) => i.description),
        items.map((i) => (i.claimedMinor === null ? null : i.claimedMinor.toString())),
        items.map((i) => i.claimedCurrency),
        items.map((i) => i.policyVersion),
        items.map((i) => i.respondBy.toISOString()),
        items.map((i) => i.resolveBy.toISOString()),
        items.map((i) => i.createdBy),
      ],
    )) as Array<{ source: string; external_id: string }>;
    return new Set(rows.map((r) => complaintKey({ source: r.source, externalId: r.external_id })));
  }

  /** Writes a lifecycle step's columns (the caller checked the move on the locked row). */
  async applyStep(manager: EntityManager, id: string, change: StepChange): Promise<void> {
    await manager.query(
      `UPDATE complaints
          SET status = $2,
              responded_at = COALESCE($3, responded_at), responded_by = COALESCE($4, responded_by), response_message = COALESCE($5, response_message),
              resolved_at = $6, resolved_by = $7, fault = $8, resolution = $9,
              withdrawn_at = $10, withdrawn_by = $11, withdrawal_reason = $12
        WHERE id = $1`,
      [
        id,
        change.status,
        change.respondedAt?.toISOString() ?? null,
        change.respondedBy ?? null,
        change.responseMessage ?? null,
        change.resolvedAt?.toISOString() ?? null,
        change.resolvedBy ?? null,
        change.fault ?? null,
        change.resolution ?? null,
        change.withdrawnAt?.toISOString() ?? null,
        change.withdrawnBy ?? null,
        change.withdrawalReason ?? null,
      ],
    );
  }

  /** A page of complaints, oldest first by intake order; one more than `limit`. */
  async list(filter: ComplaintListFilter): Promise<ComplaintRow[]> {
    const params: unknown[] = [filter.limit + 1];
    const where: string[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (filter.category !== undefined) add((n) => `s.category = $${n}`, filter.category);
    if (filter.scope !== null) add((n) => `s.category = ANY($${n}::text[])`, filter.scope);
    if (filter.supplierId !== undefined) add((n) => `c.supplier_id = $${n}`, filter.supplierId);
    if (filter.status !== undefined) add((n) => `c.status = $${n}`, filter.status);
    if (filter.overdueAt !== undefined) add(overdueSql, filter.overdueAt.toISOString());
    if (filter.after !== undefined) add((n) => `c.seq > $${n}`, filter.after);
    return (await this.dataSource.query(
      `${SELECT_COMPLAINT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.seq LIMIT $1`,
      params,
    )) as ComplaintRow[];
  }

  /** What the SLA report reads of a category's complaints opened in [from, to) (UTC instants). */
  async slaComplaints(category: string, from: Date, to: Date): Promise<SlaComplaint[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.status, c.opened_at, c.respond_by, c.resolve_by, c.responded_at, c.resolved_at
         FROM complaints c JOIN suppliers s ON s.id = c.supplier_id
        WHERE s.category = $1 AND c.opened_at >= $2 AND c.opened_at < $3`,
      [category, from.toISOString(), to.toISOString()],
    )) as Array<Pick<ComplaintRow, 'status' | 'opened_at' | 'respond_by' | 'resolve_by' | 'responded_at' | 'resolved_at'>>;
    return rows.map((r) => ({
      status: r.status,
      openedAt: r.opened_at,
      respondBy: r.respond_by,
      resolveBy: r.resolve_by,
      respondedAt: r.responded_at,
      resolvedAt: r.resolved_at,
    }));
  }

  /** How many of a category's complaints are overdue at `at`, whenever opened. */
  async countOverdue(category: string, at: Date): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM complaints c JOIN suppliers s ON s.id = c.supplier_id WHERE s.category = $1 AND ${overdueSql(2)}`,
      [category, at.toISOString()],
    )) as Array<{ n: number }>;
    return rows[0].n;
  }

  /** How many complaints are overdue at `at`, per category (categories with none are not listed). */
  async countOverdueByCategory(at: Date): Promise<Array<{ category: string; n: number }>> {
    return (await this.dataSource.query(
      `SELECT s.category, count(*)::int AS n FROM complaints c JOIN suppliers s ON s.id = c.supplier_id WHERE ${overdueSql(1)} GROUP BY s.category`,
      [at.toISOString()],
    )) as Array<{ category: string; n: number }>;
  }

  /**
   * Up to `limit` complaints whose deadline of this kind passed by `at` without its step and whose
   * event is not raised yet, locked (SKIP LOCKED: a concurrent sweep takes others) in the
   * caller's transaction.
   */
  async lockDueOverdue(manager: EntityManager, kind: OverdueKind, at: Date, limit: number): Promise<ComplaintRow[]> {
    const deadline = kind === 'response' ? 'respond_by' : 'resolve_by';
    return (await manager.query(
      `${SELECT_COMPLAINT}
        WHERE c.id IN (SELECT id FROM complaints WHERE ${DUE[kind]} AND ${deadline} <= $1 ORDER BY ${deadline}, id LIMIT $2 FOR UPDATE SKIP LOCKED)
        ORDER BY c.${deadline}, c.id`,
      [at.toISOString(), limit],
    )) as ComplaintRow[];
  }

  /** Marks the overdue event of this kind raised for these complaints. */
  async markOverdueRaised(manager: EntityManager, kind: OverdueKind, ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    const column = kind === 'response' ? 'response_overdue_raised_at' : 'resolution_overdue_raised_at';
    await manager.query(`UPDATE complaints SET ${column} = $2 WHERE id = ANY($1::uuid[])`, [ids, at.toISOString()]);
  }
}
