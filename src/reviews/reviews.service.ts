import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import type { Principal } from '../common/auth/principal.js';
import { DEFAULT_LIMIT, invalidCursor, type Page } from '../common/pagination/page.js';
import { utcDay } from './domain/review-item.js';
import { ReviewException, ReviewExceptionCode } from './review.exception.js';
import { reviewFromRow } from './review.mapper.js';
import { type Review, ReviewReadsRepository } from './review-reads.repository.js';
import { type ClaimedReview, type ExclusionRule, ReviewsRepository } from './reviews.repository.js';
import { RollupDeltas } from './rollups.js';

/** Suppliers per chunk of a category's retag (one statement and transaction each). */
const RETAG_SUPPLIERS_PER_CHUNK = 1000;

export interface ExclusionLogEntry {
  action: string;
  reason: string | null;
  actor: string;
  rule: string | null;
  aspects: string[] | null;
  at: string;
}

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

/**
 * Reading reviews, the disputes that take a review out of scoring (and put it back), whether by a
 * person or by a rule, and the tag queue the voice module's tagger works through.
 */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReviewsRepository,
    private readonly reads: ReviewReadsRepository,
  ) {}

  /** A review whoever may see it, or null (the caller checks access through its supplier). */
  async find(id: string): Promise<Review | null> {
    const row = await this.reads.find(id);
    return row === null ? null : reviewFromRow(row);
  }

  async get(id: string, principal: Principal, manager?: EntityManager, lock = false): Promise<Review> {
    const row = await this.reads.find(id, manager, lock);
    if (!row) throw new ReviewException(ReviewExceptionCode.REVIEW_NOT_FOUND, `Review ${id} does not exist`);
    const review = reviewFromRow(row);
    assertCategoryAccess(principal, review.category);
    return review;
  }

  /** A supplier's reviews, newest first. */
  async listForSupplier(supplierId: string, filter: { excluded?: boolean; limit?: number; cursor?: string }): Promise<Page<Review>> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const rows = await this.reads.listForSupplier(supplierId, {
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

  /**
   * `exclude` in the caller's transaction: a granted appeal excludes the review with its ruling, an
   * accepted proposal with the rule that proposed it and the aspects it read.
   */
  async excludeIn(
    manager: EntityManager,
    id: string,
    reason: string,
    principal: Principal,
    rule: ExclusionRule | null = null,
  ): Promise<Review> {
    return this.setExcludedIn(manager, id, true, reason, principal, rule);
  }

  /**
   * A rule's exclusion, in the caller's transaction, exactly as a manager's would be (logged with
   * the rule and the aspects, counted out of the roll-ups) unless a person has decided otherwise:
   * a review already excluded, or one whose exclusion someone reverted, is left alone (false).
   */
  async excludeByRuleIn(manager: EntityManager, id: string, reason: string, actor: string, rule: ExclusionRule): Promise<boolean> {
    const row = await this.reads.find(id, manager, true);
    if (row === null || row.excluded_at !== null || (await this.reads.reverted(manager, [id])).size > 0) return false;
    // The tagger calling this counts the review out of the aspect roll-ups itself, in this transaction: no retag.
    await this.writeExclusion(manager, reviewFromRow(row), true, reason, actor, rule, false);
    return true;
  }

  /** Of these reviews, those a person put back into scoring after an exclusion. */
  async revertedAmong(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    return this.reads.reverted(manager, ids);
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
    rule: ExclusionRule | null = null,
  ): Promise<Review> {
    const review = await this.get(id, principal, manager, true);
    if (exclude && review.excludedAt) {
      throw new ReviewException(ReviewExceptionCode.ALREADY_EXCLUDED, `Review ${id} is already excluded (${review.excludedReason ?? ''})`);
    }
    if (!exclude && !review.excludedAt) {
      throw new ReviewException(ReviewExceptionCode.NOT_EXCLUDED, `Review ${id} is not excluded`);
    }
    await this.writeExclusion(manager, review, exclude, reason?.trim() || null, principal.sub, rule);
    return this.get(id, principal, manager);
  }

  /** The exclusion (or revert) logged, counted out of (or back into) the scoring roll-ups, and queued for the tagger (`retag`). */
  private async writeExclusion(
    manager: EntityManager,
    review: Review,
    exclude: boolean,
    reason: string | null,
    actor: string,
    rule: ExclusionRule | null,
    retag = true,
  ): Promise<void> {
    await this.repository.setExcluded(manager, review.id, exclude, reason, actor, rule, retag);
    const deltas = new RollupDeltas();
    deltas.add(review.supplierId, utcDay(review.reviewedAt), review.rating, exclude ? -1 : +1);
    await this.repository.applyRollupDeltas(manager, deltas);
  }

  /** The exclusion history of a review, oldest first. */
  async exclusionLog(id: string): Promise<ExclusionLogEntry[]> {
    const rows = await this.reads.exclusionLog(id);
    return rows.map((r) => ({
      action: r.action,
      reason: r.reason,
      actor: r.actor,
      rule: r.rule,
      aspects: r.aspects,
      at: r.created_at.toISOString(),
    }));
  }

  /** The tagger's claim on up to `limit` queued reviews, in its transaction (see ReviewsRepository.claimTagBatch). */
  async claimTagBatch(manager: EntityManager, limit: number): Promise<ClaimedReview[]> {
    return this.repository.claimTagBatch(manager, limit);
  }

  /** Puts every review of the category in the tag queue, a chunk of suppliers per transaction; the number of reviews now waiting. */
  async enqueueCategory(category: string): Promise<number> {
    let queued = 0;
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const chunk = await this.repository.enqueueCategoryChunk(category, after, RETAG_SUPPLIERS_PER_CHUNK);
      if (chunk === null) return queued;
      queued += chunk.reviews;
      after = chunk.last;
    }
  }

  /** How far behind the tagger is. */
  async tagQueueStatus(): Promise<{ pending: number; oldestEnqueuedAt: Date | null; lagSeconds: number }> {
    const { pending, oldest, now } = await this.reads.tagQueueStatus();
    return { pending, oldestEnqueuedAt: oldest, lagSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest.getTime()) / 1000) };
  }
}
