import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { sqlList, sqlTextList, textList } from '../database/sql-list.js';
import type { ValidReviewItem } from './domain/review-item.js';
import type { RollupDeltas } from './rollups.js';

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

/** The rule behind an exclusion and the aspects it read (`review_exclusion_log.rule`, `.aspects`). */
export interface ExclusionRule {
  rule: string;
  aspects: string[];
}

/** A review the tagger claimed from the queue: what tagging it needs, and its supplier's category. */
export interface ClaimedReview {
  id: string;
  supplier_id: string;
  category: string;
  rating: number;
  /** The UTC day of `reviewed_at`, YYYY-MM-DD: the roll-up row it is counted in. */
  day: string;
  title: string | null;
  body: string | null;
  excluded: boolean;
}

/** A review's key: source, chr(30), external id (validation refuses control characters in both; insertNew builds the same in SQL). */
export const keyOf = (item: { source: string; externalId: string }): string => `${item.source}\x1e${item.externalId}`;

/** The one writer of `reviews`, `review_daily_rollups`, `review_exclusion_log` and `review_tag_queue`. */
@Injectable()
export class ReviewsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Marks a review excluded (with its reason) or not, and logs who did it and why; an exclusion a
   * rule made or proposed names the rule and the aspects it read. With `retag`, the review goes
   * back in the tag queue in the same transaction, so the tagger moves its aspect counts out of
   * (or back into) the voice roll-ups. The queue row is written even when the review waits
   * already: a tagger that claimed it under an older snapshot holds its lock, so this waits for
   * that batch and queues the review anew, and a claim that comes later skips it until this commits.
   */
  async setExcluded(
    manager: EntityManager,
    id: string,
    exclude: boolean,
    reason: string | null,
    actor: string,
    rule: ExclusionRule | null = null,
    retag = true,
  ): Promise<void> {
    await manager.query(
      `UPDATE reviews SET excluded_at = ${exclude ? 'now()' : 'NULL'}, excluded_reason = $2, updated_at = now() WHERE id = $1`,
      [id, exclude ? reason : null],
    );
    await manager.query(
      `INSERT INTO review_exclusion_log (review_id, action, reason, actor, rule, aspects) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, exclude ? 'EXCLUDED' : 'REVERTED', reason, actor, rule?.rule ?? null, rule?.aspects ?? null],
    );
    if (retag) {
      await manager.query(
        `INSERT INTO review_tag_queue AS q (review_id) VALUES ($1) ON CONFLICT (review_id) DO UPDATE SET enqueued_at = q.enqueued_at`,
        [id],
      );
    }
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
   * Inserts the items that are new, counts them into the roll-ups and puts them in the tag queue
   * in the same statement; returns the keys it inserted (a conflicting item is left for the caller to compare), or null
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
         RETURNING id, source, external_id, supplier_id, rating, reviewed_at),
       queued AS (
         INSERT INTO review_tag_queue (review_id) SELECT id FROM inserted),
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

  /**
   * Writes the updates, and puts those marked `retag` (their words, rating, supplier or time
   * changed: what the tags, or the roll-up rows they are counted in, depend on) in the tag queue
   * in the same statement. One already waiting stays where it is in the queue.
   */
  async applyUpdates(manager: EntityManager, updates: Array<{ id: string; item: ResolvedItem; retag: boolean }>): Promise<void> {
    if (updates.length === 0) return;
    await manager.query(
      `WITH updated AS (
         UPDATE reviews r
            SET supplier_id = u.supplier_id, rating = u.rating, reviewed_at = u.reviewed_at,
                title = u.title, body = u.body, product_ref = u.product_ref, updated_at = now()
           FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::boolean[])
                AS u(id, supplier_id, rating, reviewed_at, title, body, product_ref, retag)
          WHERE r.id = u.id
         RETURNING r.id, u.retag)
       INSERT INTO review_tag_queue (review_id) SELECT id FROM updated WHERE retag ORDER BY id ON CONFLICT (review_id) DO NOTHING`,
      [
        updates.map((u) => u.id),
        updates.map((u) => u.item.supplierId),
        updates.map((u) => u.item.rating),
        updates.map((u) => u.item.reviewedAt.toISOString()),
        updates.map((u) => u.item.title),
        updates.map((u) => u.item.text),
        updates.map((u) => u.item.productRef),
        updates.map((u) => u.retag),
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

  /**
   * Takes up to `limit` reviews off the tag queue, oldest first, in the caller's transaction:
   * rows another tagger holds are skipped (SKIP LOCKED), so instances share the queue, and a
   * transaction that rolls back puts its claim back. A queued id with no review is dropped. The
   * ids are taken as an array (`= ANY (ARRAY(…))`): with `IN (subquery)` the planner hash-joined
   * the whole queue on every claim (62 ms for 2,000 of 100,000 queued, against 35 ms), and by
   * their row addresses (`ctid`, stable while the claim holds the rows' locks): a TID scan instead
   * of one probe of the key per row (1,000 rows: 10 ms of the claim's 30 against 2 ms).
   */
  async claimTagBatch(manager: EntityManager, limit: number): Promise<ClaimedReview[]> {
    return (await manager.query(
      `WITH claimed AS (
         DELETE FROM review_tag_queue
          WHERE ctid = ANY (ARRAY(SELECT ctid FROM review_tag_queue ORDER BY enqueued_at LIMIT $1 FOR UPDATE SKIP LOCKED))
         RETURNING review_id)
       SELECT r.id, r.supplier_id, s.category, r.rating, to_char(r.reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
              r.title, r.body, r.excluded_at IS NOT NULL AS excluded
         FROM claimed c JOIN reviews r ON r.id = c.review_id JOIN suppliers s ON s.id = r.supplier_id
        ORDER BY r.id`,
      [limit],
    )) as ClaimedReview[];
  }

  /**
   * Puts the reviews of up to `suppliers` suppliers of a category (after the supplier id `after`)
   * in the tag queue, in one statement of its own (a transaction per chunk: a category of 100,000
   * suppliers holds no huge transaction); one already waiting keeps its place. Returns the number
   * of those suppliers' reviews (each now waiting) and the last supplier id, or null past the end.
   */
  async enqueueCategoryChunk(category: string, after: string, suppliers: number): Promise<{ reviews: number; last: string } | null> {
    const [row] = (await this.dataSource.query(
      `WITH chunk AS (SELECT id FROM suppliers WHERE category = $1 AND id > $2::uuid ORDER BY id LIMIT $3),
            listed AS (SELECT r.id FROM reviews r JOIN chunk c ON r.supplier_id = c.id),
            queued AS (INSERT INTO review_tag_queue (review_id) SELECT id FROM listed ORDER BY id ON CONFLICT (review_id) DO NOTHING)
       SELECT (SELECT count(*)::int FROM listed) AS reviews, (SELECT id FROM chunk ORDER BY id DESC LIMIT 1) AS last`,
      [category, after, suppliers],
    )) as Array<{ reviews: number; last: string | null }>;
    return row.last === null ? null : { reviews: row.reviews, last: row.last };
  }
}
