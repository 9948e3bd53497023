import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import type { AppealStatus, AppealTargetKind, RulingOutcome } from './domain/appeal.js';

export interface AppealRow {
  id: string;
  seq: string;
  supplier_id: string;
  category: string;
  target_kind: AppealTargetKind;
  target_id: string;
  statement: string;
  evidence_urls: string[];
  status: AppealStatus;
  decide_by: Date;
  ruling_reason: string | null;
  ruled_by: string | null;
  ruled_at: Date | null;
  created_by: string;
  created_at: Date;
  /** The supplier's name, read in the join. */
  supplier_name: string;
}

export interface NewAppeal {
  id: string;
  supplierId: string;
  targetKind: AppealTargetKind;
  targetId: string;
  statement: string;
  evidenceUrls: string[];
  decideBy: Date;
  createdBy: string;
  createdAt: Date;
}

export interface AppealFilter {
  /** Only these categories (a category manager's), or null for all. */
  scope: readonly string[] | null;
  category?: string;
  supplierId?: string;
  status?: AppealStatus;
  /** Only open appeals past their deadline at `now`. */
  overdue?: boolean;
  now: Date;
}

const COLUMNS = `a.id, a.seq, a.supplier_id, s.category, a.target_kind, a.target_id, a.statement, a.evidence_urls, a.status, a.decide_by,
  a.ruling_reason, a.ruled_by, a.ruled_at, a.created_by, a.created_at, s.name AS supplier_name`;

/** The one writer of `appeals`: made once per target, ruled once, never deleted (a trigger holds the last two). */
@Injectable()
export class AppealsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the appeal, or nothing when its target was appealed already (null). */
  async insert(manager: EntityManager, a: NewAppeal): Promise<AppealRow | null> {
    const rows = (await manager.query(
      `WITH a AS (
         INSERT INTO appeals (id, supplier_id, target_kind, target_id, statement, evidence_urls, decide_by, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (target_kind, target_id) DO NOTHING
         RETURNING *)
       SELECT ${COLUMNS} FROM a JOIN suppliers s ON s.id = a.supplier_id`,
      [a.id, a.supplierId, a.targetKind, a.targetId, a.statement, a.evidenceUrls, a.decideBy, a.createdBy, a.createdAt],
    )) as AppealRow[];
    return rows[0] ?? null;
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<AppealRow | null> {
    const rows = (await manager.query(
      `SELECT ${COLUMNS} FROM appeals a JOIN suppliers s ON s.id = a.supplier_id WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [id],
    )) as AppealRow[];
    return rows[0] ?? null;
  }

  /** Appeals oldest first after a seq, filtered. */
  async list(filter: AppealFilter, after: string | undefined, limit: number): Promise<AppealRow[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM appeals a JOIN suppliers s ON s.id = a.supplier_id
        WHERE ($1::text[] IS NULL OR s.category = ANY($1::text[]))
          AND ($2::text IS NULL OR s.category = $2) AND ($3::uuid IS NULL OR a.supplier_id = $3)
          AND ($4::text IS NULL OR a.status = $4)
          AND (NOT $5::boolean OR (a.status = 'OPEN' AND a.decide_by <= $6))
          AND ($7::bigint IS NULL OR a.seq > $7)
        ORDER BY a.seq LIMIT $8`,
      [
        filter.scope === null ? null : [...filter.scope],
        filter.category ?? null,
        filter.supplierId ?? null,
        filter.status ?? null,
        filter.overdue === true,
        filter.now,
        after ?? null,
        limit + 1,
      ],
    )) as AppealRow[];
  }

  /** A category's OPEN appeals, and how many of them are past their deadline at `now` (as `overdue=true` lists them). */
  async countWaiting(category: string, now: Date): Promise<{ open: number; overdue: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE a.decide_by <= $2)::int AS overdue
         FROM appeals a JOIN suppliers s ON s.id = a.supplier_id
        WHERE s.category = $1 AND a.status = 'OPEN'`,
      [category, now],
    )) as Array<{ open: number; overdue: number }>;
    return row;
  }

  /** Writes the ruling of an open appeal the caller has locked. */
  async rule(manager: EntityManager, id: string, outcome: RulingOutcome, reason: string, by: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE appeals SET status = $2, ruling_reason = $3, ruled_by = $4, ruled_at = $5 WHERE id = $1 AND status = 'OPEN'`,
      [id, outcome, reason, by, at],
    );
  }

  /**
   * Open appeals past their deadline at `now` whose overdue event is not in the outbox yet (read
   * in a join on its key), oldest deadline first.
   */
  async overdueUnannounced(manager: EntityManager, now: Date, limit: number): Promise<AppealRow[]> {
    return (await manager.query(
      `SELECT ${COLUMNS} FROM appeals a JOIN suppliers s ON s.id = a.supplier_id
        WHERE a.status = 'OPEN' AND a.decide_by <= $1
          AND NOT EXISTS (SELECT 1 FROM events e WHERE e.dedupe_key = 'appeal:' || a.id || ':overdue')
        ORDER BY a.decide_by LIMIT $2`,
      [now, limit],
    )) as AppealRow[];
  }
}
