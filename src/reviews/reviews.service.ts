import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { assertCategoryAccess } from '../common/auth/category-access.js';
import type { Principal } from '../common/auth/principal.js';
import { CommonException, CommonExceptionCode } from '../common/errors/common.exception.js';
import { DEFAULT_LIMIT, type Page } from '../common/pagination/page.js';
import { utcDay } from './domain/review-item.js';
import type { ReviewResponseDto } from './dto/review-response.dto.js';
import { ReviewException, ReviewExceptionCode } from './review.exception.js';
import { applyRollupDeltas, RollupDeltas } from './rollups.js';

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

interface ReviewRow {
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

function fromRow(r: ReviewRow): Review {
  return {
    id: r.id,
    source: r.source,
    externalId: r.external_id,
    supplierId: r.supplier_id,
    category: r.category,
    rating: r.rating,
    reviewedAt: r.reviewed_at,
    title: r.title,
    text: r.body,
    productRef: r.product_ref,
    excludedAt: r.excluded_at,
    excludedReason: r.excluded_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function reviewToResponse(r: Review): ReviewResponseDto {
  return {
    id: r.id,
    source: r.source,
    externalId: r.externalId,
    supplierId: r.supplierId,
    rating: r.rating,
    reviewedAt: r.reviewedAt.toISOString(),
    title: r.title,
    text: r.text,
    productRef: r.productRef,
    excluded: r.excludedAt !== null,
    excludedAt: r.excludedAt?.toISOString() ?? null,
    excludedReason: r.excludedReason,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function encodeReviewCursor(r: Review): string {
  return Buffer.from(`r:${r.reviewedAt.toISOString()}|${r.id}`).toString('base64url');
}

function decodeReviewCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const m = /^r:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) {
    throw new CommonException(CommonExceptionCode.INVALID_CURSOR, 'cursor is not one this API issued', [
      { field: 'cursor', message: 'is not a cursor this API issued' },
    ]);
  }
  return { at: m[1], id: m[2] };
}

/** Reading reviews, and the disputes that take a review out of scoring (and put it back). */
@Injectable()
export class ReviewsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string, principal: Principal, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Review> {
    const rows = (await manager.query(`${SELECT_REVIEW} WHERE r.id = $1${lock ? ' FOR UPDATE OF r' : ''}`, [id])) as ReviewRow[];
    if (rows.length === 0) throw new ReviewException(ReviewExceptionCode.REVIEW_NOT_FOUND, `Review ${id} does not exist`);
    const review = fromRow(rows[0]);
    assertCategoryAccess(principal, review.category);
    return review;
  }

  /** A supplier's reviews, newest first. */
  async listForSupplier(supplierId: string, filter: { excluded?: boolean; limit?: number; cursor?: string }): Promise<Page<Review>> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const after = decodeReviewCursor(filter.cursor);
    const params: unknown[] = [supplierId, limit + 1];
    let where = 'r.supplier_id = $1';
    if (filter.excluded !== undefined) where += filter.excluded ? ' AND r.excluded_at IS NOT NULL' : ' AND r.excluded_at IS NULL';
    if (after) {
      params.push(after.at, after.id);
      where += ` AND (r.reviewed_at, r.id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows = (await this.dataSource.query(
      `${SELECT_REVIEW} WHERE ${where} ORDER BY r.reviewed_at DESC, r.id DESC LIMIT $2`,
      params,
    )) as ReviewRow[];
    const items = rows.slice(0, limit).map(fromRow);
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

  private async setExcluded(id: string, exclude: boolean, reason: string | undefined, principal: Principal): Promise<Review> {
    return this.dataSource.transaction(async (manager) => {
      const review = await this.get(id, principal, manager, true);
      if (exclude && review.excludedAt) {
        throw new ReviewException(
          ReviewExceptionCode.ALREADY_EXCLUDED,
          `Review ${id} is already excluded (${review.excludedReason ?? ''})`,
        );
      }
      if (!exclude && !review.excludedAt) {
        throw new ReviewException(ReviewExceptionCode.NOT_EXCLUDED, `Review ${id} is not excluded`);
      }
      await manager.query(
        `UPDATE reviews SET excluded_at = ${exclude ? 'now()' : 'NULL'}, excluded_reason = $2, updated_at = now() WHERE id = $1`,
        [id, exclude ? reason!.trim() : null],
      );
      const deltas = new RollupDeltas();
      deltas.add(review.supplierId, utcDay(review.reviewedAt), review.rating, exclude ? -1 : +1);
      await applyRollupDeltas(manager, deltas);
      await manager.query(`INSERT INTO review_exclusion_log (review_id, action, reason, actor) VALUES ($1, $2, $3, $4)`, [
        id,
        exclude ? 'EXCLUDED' : 'REVERTED',
        reason?.trim() || null,
        principal.sub,
      ]);
      return this.get(id, principal, manager);
    });
  }

  /** The exclusion history of a review, oldest first. */
  async exclusionLog(id: string): Promise<Array<{ action: string; reason: string | null; actor: string; at: string }>> {
    const rows = (await this.dataSource.query(
      `SELECT action, reason, actor, created_at FROM review_exclusion_log WHERE review_id = $1 ORDER BY id`,
      [id],
    )) as Array<{ action: string; reason: string | null; actor: string; created_at: Date }>;
    return rows.map((r) => ({ action: r.action, reason: r.reason, actor: r.actor, at: r.created_at.toISOString() }));
  }
}
