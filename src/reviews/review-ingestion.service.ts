import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import type { FieldError } from '../common/errors/problem.js';
import { sqlList, sqlTextList, textList } from '../database/sql-list.js';
import { MAX_BATCH_ITEMS, utcDay, validateReviewItem, type ValidReviewItem } from './domain/review-item.js';
import { ReviewException, ReviewExceptionCode } from './review.exception.js';
import { applyRollupDeltas, RollupDeltas } from './rollups.js';

export interface RejectedItem {
  index: number;
  externalId: string | null;
  errors: FieldError[];
}

export interface BatchResult {
  accepted: number;
  duplicates: number;
  updated: number;
  rejected: RejectedItem[];
}

interface ResolvedItem extends ValidReviewItem {
  index: number;
  supplierId: string;
}

interface StoredRow {
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
const keyOf = (item: { source: string; externalId: string }): string => `${item.source}\x1e${item.externalId}`;

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

function sameContent(row: StoredRow, item: ResolvedItem): boolean {
  return (
    row.supplier_id === item.supplierId &&
    row.rating === item.rating &&
    row.reviewed_at.getTime() === item.reviewedAt.getTime() &&
    row.title === item.title &&
    row.body === item.text &&
    row.product_ref === item.productRef
  );
}

/**
 * Stores review batches idempotently on (source, externalId): a repeat is a duplicate, a changed
 * repeat an update. A batch's valid items and their roll-up changes commit in one transaction;
 * concurrent batches with overlapping items each see the other's rows and store each review once.
 */
@Injectable()
export class ReviewIngestionService {
  private readonly logger = new Logger(ReviewIngestionService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ingest(rawItems: unknown[], now: number = Date.now()): Promise<BatchResult> {
    if (rawItems.length > MAX_BATCH_ITEMS) {
      throw new ReviewException(
        ReviewExceptionCode.BATCH_TOO_LARGE,
        `A batch holds at most ${MAX_BATCH_ITEMS} reviews (got ${rawItems.length}); split it`,
        [{ field: 'reviews', message: `must hold at most ${MAX_BATCH_ITEMS} items` }],
      );
    }
    const rejected: RejectedItem[] = [];
    const valid: Array<ValidReviewItem & { index: number }> = [];
    const firstIndexOfKey = new Map<string, number>();
    rawItems.forEach((raw, index) => {
      const check = validateReviewItem(raw, now);
      if (!check.ok) {
        rejected.push({ index, externalId: check.externalId, errors: check.errors });
        return;
      }
      const key = keyOf(check.item);
      const first = firstIndexOfKey.get(key);
      if (first !== undefined) {
        rejected.push({
          index,
          externalId: check.item.externalId,
          errors: [{ field: 'externalId', message: `repeats item ${first} of this batch` }],
        });
        return;
      }
      firstIndexOfKey.set(key, index);
      valid.push(Object.assign(check.item, { index }));
    });

    const resolved = await this.resolveSuppliers(valid, rejected);
    rejected.sort((a, b) => a.index - b.index);
    if (resolved.length === 0) return { accepted: 0, duplicates: 0, updated: 0, rejected };

    // Lock order by key keeps concurrent overlapping batches from deadlocking one another.
    resolved.sort((a, b) => (a.source === b.source ? (a.externalId < b.externalId ? -1 : 1) : a.source < b.source ? -1 : 1));
    for (let attempt = 1; ; attempt++) {
      try {
        const counts = await this.dataSource.transaction((manager) => this.store(manager, resolved));
        return { ...counts, rejected };
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= 5) throw error;
        this.logger.warn(`Review batch hit ${code}; retrying (attempt ${attempt + 1})`);
      }
    }
  }

  private async resolveSuppliers(items: Array<ValidReviewItem & { index: number }>, rejected: RejectedItem[]): Promise<ResolvedItem[]> {
    const refs = [...new Set(items.filter((i) => i.supplierRef !== undefined).map((i) => i.supplierRef!))];
    const ids = [...new Set(items.filter((i) => i.supplierId !== undefined).map((i) => i.supplierId!))];
    // Two indexed look-ups rather than one OR, which would scan the table.
    const rows = [
      ...(refs.length
        ? ((await this.dataSource.query(`SELECT id, external_ref FROM suppliers WHERE external_ref = ANY(${textList(1)})`, [
            sqlTextList(refs),
          ])) as Array<{ id: string; external_ref: string }>)
        : []),
      ...(ids.length
        ? ((await this.dataSource.query(`SELECT id, external_ref FROM suppliers WHERE id = ANY(string_to_array($1, ',')::uuid[])`, [
            sqlList(ids),
          ])) as Array<{ id: string; external_ref: string }>)
        : []),
    ];
    const byRef = new Map(rows.map((r) => [r.external_ref, r.id]));
    const knownIds = new Set(rows.map((r) => r.id));
    const resolved: ResolvedItem[] = [];
    for (const item of items) {
      const supplierId =
        item.supplierRef !== undefined ? byRef.get(item.supplierRef) : knownIds.has(item.supplierId!) ? item.supplierId : undefined;
      if (supplierId === undefined) {
        rejected.push({
          index: item.index,
          externalId: item.externalId,
          errors: [
            item.supplierRef !== undefined
              ? { field: 'supplierRef', message: 'no supplier has this externalRef' }
              : { field: 'supplierId', message: 'no supplier has this id' },
          ],
        });
      } else resolved.push(Object.assign(item, { supplierId }));
    }
    return resolved;
  }

  private async store(manager: EntityManager, items: ResolvedItem[]): Promise<Omit<BatchResult, 'rejected'>> {
    const deltas = new RollupDeltas();
    let accepted = 0;
    let duplicates = 0;
    const updates: Array<{ id: string; item: ResolvedItem }> = [];
    let pending = items;
    // Insert first: most items of a feed are new. An item that conflicts exists already (or another
    // batch inserted it and committed: ON CONFLICT waits for that); it is then compared and locked.
    for (let round = 0; pending.length > 0; round++) {
      if (round > 3) throw new Error('review batch did not settle after concurrent inserts');
      const inserted = await this.insertNew(manager, pending);
      const conflicting: ResolvedItem[] = [];
      for (const item of pending) {
        if (inserted === null || inserted.has(keyOf(item))) accepted++;
        else conflicting.push(item);
      }
      if (conflicting.length === 0) break;
      const existing = await this.lockExisting(manager, conflicting);
      pending = [];
      for (const item of conflicting) {
        const row = existing.get(keyOf(item));
        // Gone again: the batch that inserted it rolled back. Try inserting it once more.
        if (!row) pending.push(item);
        else if (sameContent(row, item)) duplicates++;
        else {
          updates.push({ id: row.id, item });
          if (!row.excluded) {
            deltas.add(row.supplier_id, utcDay(row.reviewed_at), row.rating, -1);
            deltas.add(item.supplierId, utcDay(item.reviewedAt), item.rating, +1);
          }
        }
      }
    }
    await this.applyUpdates(manager, updates);
    await applyRollupDeltas(manager, deltas);
    return { accepted, duplicates, updated: updates.length };
  }

  private async lockExisting(manager: EntityManager, items: ResolvedItem[]): Promise<Map<string, StoredRow>> {
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
  private async insertNew(manager: EntityManager, items: ResolvedItem[]): Promise<Set<string> | null> {
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

  private async applyUpdates(manager: EntityManager, updates: Array<{ id: string; item: ResolvedItem }>): Promise<void> {
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
}
