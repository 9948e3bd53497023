import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { sqlList, sqlTextList, textList } from '../database/sql-list.js';
import type { ValidReviewItem } from './domain/review-item.js';
import type { RollupDeltas } from './rollups.js';

export interface Review {
  id: string;
  source: string;
  externalId: string;
  supplierId: string;
  category: string;
  rating: number;
  reviewedAt: Date;
  title: string | null;
  text: string | null;
  productRef: string | null;
  excludedAt: Date | null;
  excludedReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReviewRow {
  id: string;
  source: string;
  external_id: string;
  supplier_id: string;
  category: string;
  rating: number;
  reviewed_at: Date;
  title: string | null;
  body: string | null;
  product_ref: string | null;
  excluded_at: Date | null;
  excluded_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT_REVIEW = `
  SELECT r.id, r.source, r.external_id, r.supplier_id, s.category, r.rating, r.reviewed_at, r.title, r.body,
         r.product_ref, r.excluded_at, r.excluded_reason, r.created_at, r.updated_at
    FROM reviews r JOIN suppliers s ON s.id = r.supplier_id`;

export interface ResolvedItem extends ValidReviewItem {
  index: number;
  supplierId: string;
}

export interface StoredRow {
  id: string;
  source: string;
  external_id: string;
  supplier_id: string;
  rating: number;
  reviewed_at: Date;
  title: string | null;
  body: string | null;
  product_ref: string | null;
  excluded: boolean;
}

/** A review's key: source, chr(30), external id (validation refuses control characters in both; insertNew builds the same in SQL). */
export const keyOf = (item: { source: string; externalId: string }): string => `${item.source}\x1e${item.externalId}`;

/** The one writer of `reviews`, `review_daily_rollups` and `review_exclusion_log`. */
@Injectable()
export class ReviewsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<ReviewRow | null> {
    const rows = (await manager.query(`${SELECT_REVIEW} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [id])) as ReviewRow[];
    return rows[0] ?? null;
  }

  /** A supplier's reviews, newest first, after a (reviewedAt, id) position; one more than `limit`. */
  async listForSupplier(
    supplierId: string,
    filter: { excluded?: boolean; after?: { at: string; id: string }; limit: number },
  ): Promise<ReviewRow[]> {
    const params: unknown[] = [supplierId, filter.limit + 1];
    let where = 'r.supplier_id = $1';
    if (filter.excluded !== undefined) where += filter.excluded ? ' AND r.excluded_at IS NOT NULL' : ' AND r.excluded_at IS NULL';
    if (filter.after) {
      params.push(filter.after.at, filter.after.id);
      where += ` AND (r.reviewed_at, r.id) < ($3::timestamptz, $4::uuid)`;
    }
    return (await this.dataSource.query(
      `${SELECT_REVIEW} WHERE ${where} ORDER BY r.reviewed_at DESC, r.id DESC LIMIT $2`,
      params,
    )) as ReviewRow[];
  }

  /** Marks a review excluded (with its reason) or not, and logs who did it and why. */
  async setExcluded(manager: EntityManager, id: string, exclude: boolean, reason: string | null, actor: string): Promise<void> {
    await manager.query(
      `UPDATE reviews SET excluded_at = ${exclude ? 'now()' : 'NULL'}, excluded_reason = $2, updated_at = now() WHERE id = $1`,
      [id, exclude ? reason : null],
    );
    await manager.query(`INSERT INTO review_exclusion_log (review_id, action, reason, actor) VALUES ($1, $2, $3, $4)`, [
      id,
      exclude ? 'EXCLUDED' : 'REVERTED',
      reason,
      actor,
    ]);
  }

  /** The exclusion history of a review, oldest first. */
  async exclusionLog(id: string): Promise<Array<{ action: string; reason: string | null; actor: string; created_at: Date }>> {
    return (await this.dataSource.query(
      `SELECT action, reason, actor, created_at FROM review_exclusion_log WHERE review_id = $1 ORDER BY id`,
      [id],
    )) as Array<{ action: string; reason: string | null; actor: string; created_at: Date }>;
  }

  async lockExisting(manager: EntityManager, items: ResolvedItem[]): Promise<Map<string, StoredRow>> {
    const rows = (await manager.query(
      `SELECT r.id, r.source, r.external_id, r.supplier_id, r.rating, r.reviewed_at, r.title, r.body, r.product_ref,
              r.excluded_at IS NOT NULL AS excluded
         FROM reviews r
         JOIN unnest($1::text[], $2::text[]) AS k(source, external_id) USING (source, external_id)
        ORDER BY r.source, r.external_id
          FOR UPDATE OF r`,
      [items.map((i) => i.source), items.map((i) => i.externalId)],
    )) as StoredRow[];
    return new Map(rows.map((r) => [keyOf({ source: r.source, externalId: r.external_id }), r]));
  }

  /**
   * Inserts the items that are new and counts them into the roll-ups in the same statement;
   * returns the keys it inserted (a conflicting item is left for the caller to compare), or null
   * when it inserted them all, the usual case. The columns travel as lists, as a scoring run's do:
   * pg escapes an array parameter element by element in JavaScript (validation has refused the
   * control characters a text list reserves).
   */
  async insertNew(manager: EntityManager, items: ResolvedItem[]): Promise<Set<string> | null> {
    if (items.length === 0) return new Set();
    const [row] = (await manager.query(
      `WITH inserted AS (
         INSERT INTO reviews (source, external_id, supplier_id, rating, reviewed_at, title, body, product_ref)
         SELECT source, external_id, supplier_id, rating, timestamptz 'epoch' + ms * interval '1 millisecond', title, body, product_ref
           FROM unnest(string_to_array($1, ','), ${textList(2)}, string_to_array($3, ',')::uuid[], string_to_array($4, ',')::smallint[],
                       string_to_array($5, ',')::bigint[], ${textList(6)}, ${textList(7)}, ${textList(8)})
                AS x(source, external_id, supplier_id, rating, ms, title, body, product_ref)
         ON CONFLICT (source, external_id) DO NOTHING
         RETURNING source, external_id, supplier_id, rating, reviewed_at),
       counted AS (
         INSERT INTO review_daily_rollups AS r (supplier_id, day, rating, n)
         SELECT supplier_id, (reviewed_at AT TIME ZONE 'UTC')::date, rating, count(*)
           FROM inserted GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
         ON CONFLICT (supplier_id, day, rating) DO UPDATE SET n = r.n + EXCLUDED.n)
       SELECT CASE WHEN count(*) < $9 THEN COALESCE(array_agg(source || chr(30) || external_id), '{}') END AS keys FROM inserted`,
      [
        sqlList(items.map((i) => i.source)),
        sqlTextList(items.map((i) => i.externalId)),
        sqlList(items.map((i) => i.supplierId)),
        sqlList(items.map((i) => i.rating)),
        sqlList(items.map((i) => i.reviewedAt.getTime())), // Unix milliseconds: cheaper to make and to read than an ISO string
        sqlTextList(items.map((i) => i.title)),
        sqlTextList(items.map((i) => i.text)),
        sqlTextList(items.map((i) => i.productRef)),
        items.length,
      ],
    )) as Array<{ keys: string[] | null }>;
    // Keys built as keyOf builds them.
    return row.keys === null ? null : new Set(row.keys);
  }

  async applyUpdates(manager: EntityManager, updates: Array<{ id: string; item: ResolvedItem }>): Promise<void> {
    if (updates.length === 0) return;
    await manager.query(
      `UPDATE reviews r
          SET supplier_id = u.supplier_id, rating = u.rating, reviewed_at = u.reviewed_at,
              title = u.title, body = u.body, product_ref = u.product_ref, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::timestamptz[], $5::text[], $6::text[], $7::text[])
              AS u(id, supplier_id, rating, reviewed_at, title, body, product_ref)
        WHERE r.id = u.id`,
      [
        updates.map((u) => u.id),
        updates.map((u) => u.item.supplierId),
        updates.map((u) => u.item.rating),
        updates.map((u) => u.item.reviewedAt.toISOString()),
        updates.map((u) => u.item.title),
        updates.map((u) => u.item.text),
        updates.map((u) => u.item.productRef),
      ],
    );
  }

  /**
   * Applies the deltas in the caller's transaction. Increments upsert; decrements update rows that
   * must exist (a CHECK on the proposed row would refuse a negative insert even when it conflicts).
   */
  async applyRollupDeltas(manager: EntityManager, deltas: RollupDeltas): Promise<void> {
    const entries = deltas.entries();
    const up = entries.filter((e) => e.delta > 0);
    const down = entries.filter((e) => e.delta < 0);
    const columns = (list: typeof entries) => [
      list.map((e) => e.supplierId),
      list.map((e) => e.day),
      list.map((e) => e.rating),
      list.map((e) => e.delta),
    ];
    if (down.length > 0) {
      await manager.query(
        `UPDATE review_daily_rollups r SET n = r.n + d.delta
           FROM unnest($1::uuid[], $2::date[], $3::smallint[], $4::int[]) AS d(supplier_id, day, rating, delta)
          WHERE r.supplier_id = d.supplier_id AND r.day = d.day AND r.rating = d.rating`,
        columns(down),
      );
    }
    if (up.length > 0) {
      await manager.query(
        `INSERT INTO review_daily_rollups AS r (supplier_id, day, rating, n)
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::smallint[], $4::int[])
         ON CONFLICT (supplier_id, day, rating) DO UPDATE SET n = r.n + EXCLUDED.n`,
        columns(up),
      );
    }
  }
}
