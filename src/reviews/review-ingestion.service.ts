import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import type { FieldError } from '../common/errors/problem.js';
import { SuppliersRepository } from '../suppliers/suppliers.repository.js';
import { MAX_BATCH_ITEMS, utcDay, validateReviewItem, type ValidReviewItem } from './domain/review-item.js';
import { ReviewException, ReviewExceptionCode } from './review.exception.js';
import { keyOf, type ResolvedItem, ReviewsRepository, type StoredRow } from './reviews.repository.js';
import { RollupDeltas } from './rollups.js';

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

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/** What a review's tags and the roll-up rows they count in depend on: its words, rating, supplier and time. */
function sameTagInput(row: StoredRow, item: ResolvedItem): boolean {
  return (
    row.supplier_id === item.supplierId &&
    row.rating === item.rating &&
    row.reviewed_at.getTime() === item.reviewedAt.getTime() &&
    row.title === item.title &&
    row.body === item.text
  );
}

function sameContent(row: StoredRow, item: ResolvedItem): boolean {
  return sameTagInput(row, item) && row.product_ref === item.productRef;
}

/**
 * Stores review batches idempotently on (source, externalId): a repeat is a duplicate, a changed
 * repeat an update. A batch's valid items, their roll-up changes and their places in the tag queue
 * (new reviews, and updated ones whose tags may change) commit in one transaction;
 * concurrent batches with overlapping items each see the other's rows and store each review once.
 */
@Injectable()
export class ReviewIngestionService {
  private readonly logger = new Logger(ReviewIngestionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReviewsRepository,
    private readonly suppliers: SuppliersRepository,
  ) {}

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
    const byRef = await this.suppliers.idsByRef(refs);
    const knownIds = await this.suppliers.existingIds(ids);
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
    const updates: Array<{ id: string; item: ResolvedItem; retag: boolean }> = [];
    let pending = items;
    // Insert first: most items of a feed are new. An item that conflicts exists already (or another
    // batch inserted it and committed: ON CONFLICT waits for that); it is then compared and locked.
    for (let round = 0; pending.length > 0; round++) {
      if (round > 3) throw new Error('review batch did not settle after concurrent inserts');
      const inserted = await this.repository.insertNew(manager, pending);
      const conflicting: ResolvedItem[] = [];
      for (const item of pending) {
        if (inserted === null || inserted.has(keyOf(item))) accepted++;
        else conflicting.push(item);
      }
      if (conflicting.length === 0) break;
      const existing = await this.repository.lockExisting(manager, conflicting);
      pending = [];
      for (const item of conflicting) {
        const row = existing.get(keyOf(item));
        // Gone again: the batch that inserted it rolled back. Try inserting it once more.
        if (!row) pending.push(item);
        else if (sameContent(row, item)) duplicates++;
        else {
          updates.push({ id: row.id, item, retag: !sameTagInput(row, item) });
          if (!row.excluded) {
            deltas.add(row.supplier_id, utcDay(row.reviewed_at), row.rating, -1);
            deltas.add(item.supplierId, utcDay(item.reviewedAt), item.rating, +1);
          }
        }
      }
    }
    await this.repository.applyUpdates(manager, updates);
    await this.repository.applyRollupDeltas(manager, deltas);
    return { accepted, duplicates, updated: updates.length };
  }
}
