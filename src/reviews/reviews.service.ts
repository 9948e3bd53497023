import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import type { Principal } from '../common/auth/principal.js';
import { DEFAULT_LIMIT, invalidCursor, type Page } from '../common/pagination/page.js';
import { utcDay } from './domain/review-item.js';
import { ReviewException, ReviewExceptionCode } from './review.exception.js';
import { reviewFromRow } from './review.mapper.js';
import { type Review, ReviewsRepository } from './reviews.repository.js';
import { RollupDeltas } from './rollups.js';

function encodeReviewCursor(r: Pick<Review, 'reviewedAt' | 'id'>): string {
  return Buffer.from(`r:${r.reviewedAt.toISOString()}|${r.id}`).toString('base64url');
}

/** Accepted only in the exact form encodeReviewCursor writes: a real instant and a UUID. */
function decodeReviewCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const m = /^r:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  const at = m ? new Date(m[1]) : undefined;
  if (!m || !at || Number.isNaN(at.getTime()) || at.toISOString() !== m[1] || encodeReviewCursor({ reviewedAt: at, id: m[2] }) !== cursor) {
    throw invalidCursor();
  }
  return { at: m[1], id: m[2] };
}

/** Reading reviews, and the disputes that take a review out of scoring (and put it back). */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReviewsRepository,
  ) {}

  /** A review whoever may see it, or null (the caller checks access through its supplier). */
  async find(id: string): Promise<Review | null> {
    const row = await this.repository.find(id);
    return row === null ? null : reviewFromRow(row);
  }

  async get(id: string, principal: Principal, manager?: EntityManager, lock = false): Promise<Review> {
    const row = await this.repository.find(id, manager, lock);
    if (!row) throw new ReviewException(ReviewExceptionCode.REVIEW_NOT_FOUND, `Review ${id} does not exist`);
    const review = reviewFromRow(row);
    assertCategoryAccess(principal, review.category);
    return review;
  }

  /** A supplier's reviews, newest first. */
  async listForSupplier(supplierId: string, filter: { excluded?: boolean; limit?: number; cursor?: string }): Promise<Page<Review>> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const rows = await this.repository.listForSupplier(supplierId, {
      excluded: filter.excluded,
      after: decodeReviewCursor(filter.cursor),
      limit,
    });
    const items = rows.slice(0, limit).map(reviewFromRow);
    return { items, nextCursor: rows.length > limit ? encodeReviewCursor(items[items.length - 1]) : null };
  }

  /** Takes a review out of every window, with a reason; logged. */
  async exclude(id: string, reason: string, principal: Principal): Promise<Review> {
    return this.setExcluded(id, true, reason, principal);
  }

  /** Puts an excluded review back; logged. */
  async revert(id: string, reason: string | undefined, principal: Principal): Promise<Review> {
    return this.setExcluded(id, false, reason, principal);
  }

  /** `exclude` in the caller's transaction: a granted appeal excludes the review with its ruling. */
  async excludeIn(manager: EntityManager, id: string, reason: string, principal: Principal): Promise<Review> {
    return this.setExcludedIn(manager, id, true, reason, principal);
  }

  private async setExcluded(id: string, exclude: boolean, reason: string | undefined, principal: Principal): Promise<Review> {
    return this.dataSource.transaction((manager) => this.setExcludedIn(manager, id, exclude, reason, principal));
  }

  private async setExcludedIn(
    manager: EntityManager,
    id: string,
    exclude: boolean,
    reason: string | undefined,
    principal: Principal,
  ): Promise<Review> {
    const review = await this.get(id, principal, manager, true);
    if (exclude && review.excludedAt) {
      throw new ReviewException(ReviewExceptionCode.ALREADY_EXCLUDED, `Review ${id} is already excluded (${review.excludedReason ?? ''})`);
    }
    if (!exclude && !review.excludedAt) {
      throw new ReviewException(ReviewExceptionCode.NOT_EXCLUDED, `Review ${id} is not excluded`);
    }
    await this.repository.setExcluded(manager, id, exclude, reason?.trim() || null, principal.sub);
    const deltas = new RollupDeltas();
    deltas.add(review.supplierId, utcDay(review.reviewedAt), review.rating, exclude ? -1 : +1);
    await this.repository.applyRollupDeltas(manager, deltas);
    return this.get(id, principal, manager);
  }

  /** The exclusion history of a review, oldest first. */
  async exclusionLog(id: string): Promise<Array<{ action: string; reason: string | null; actor: string; at: string }>> {
    const rows = await this.repository.exclusionLog(id);
    return rows.map((r) => ({ action: r.action, reason: r.reason, actor: r.actor, at: r.created_at.toISOString() }));
  }
}
