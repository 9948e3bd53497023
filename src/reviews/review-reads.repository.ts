import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * One tag of a review as the voice module stored it in `review_aspects` (the reviews module reads
 * that table and never writes it; the shape is described here, as the reviews module may not
 * import the voice module above it).
 */
export interface ReviewAspect {
  key: string;
  polarity: 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL';
  evidence: string;
}

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
  /** Its tags, `[]` while it has none yet. */
  aspects: ReviewAspect[];
  /** The policy version whose taxonomy read the tags; null while not tagged yet. */
  aspectsPolicyVersion: number | null;
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
  tags: ReviewAspect[] | null;
  tags_policy_version: number | null;
}

export interface ExclusionLogRow {
  action: string;
  reason: string | null;
  actor: string;
  rule: string | null;
  aspects: string[] | null;
  created_at: Date;
}

const SELECT_REVIEW = `
  SELECT r.id, r.source, r.external_id, r.supplier_id, s.category, r.rating, r.reviewed_at, r.title, r.body,
         r.product_ref, r.excluded_at, r.excluded_reason, r.created_at, r.updated_at,
         a.tags, a.policy_version AS tags_policy_version
    FROM reviews r JOIN suppliers s ON s.id = r.supplier_id LEFT JOIN review_aspects a ON a.review_id = r.id`;

/** Reads of reviews with their tags, their exclusion history and the tag queue (ReviewsRepository writes them). */
@Injectable()
export class ReviewReadsRepository {
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

  /** The exclusion history of a review, oldest first. */
  async exclusionLog(id: string): Promise<ExclusionLogRow[]> {
    return (await this.dataSource.query(
      `SELECT action, reason, actor, rule, aspects, created_at FROM review_exclusion_log WHERE review_id = $1 ORDER BY id`,
      [id],
    )) as ExclusionLogRow[];
  }

  /** Of these reviews, those a person put back into scoring after an exclusion (a REVERTED entry): no rule excludes them again. */
  async reverted(manager: EntityManager, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await manager.query(
      `SELECT DISTINCT review_id FROM review_exclusion_log WHERE review_id = ANY($1::uuid[]) AND action = 'REVERTED'`,
      [ids],
    )) as Array<{ review_id: string }>;
    return new Set(rows.map((r) => r.review_id));
  }

  /** How far behind the tagger is: reviews waiting, the oldest one's enqueue time and the database's clock. */
  async tagQueueStatus(): Promise<{ pending: number; oldest: Date | null; now: Date }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS pending, min(enqueued_at) AS oldest, now() AS now FROM review_tag_queue`,
    )) as Array<{ pending: number; oldest: Date | null; now: Date }>;
    return row;
  }
}
