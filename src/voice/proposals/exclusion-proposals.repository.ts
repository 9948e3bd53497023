import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export const PROPOSAL_STATUSES = ['PENDING', 'ACCEPTED', 'REJECTED'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalRow {
  id: string;
  seq: string;
  review_id: string;
  supplier_id: string;
  category: string;
  aspects: string[];
  policy_version: number;
  status: ProposalStatus;
  reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
  /** The supplier's name, read in a join. */
  supplier_name: string;
}

export interface NewProposal {
  reviewId: string;
  supplierId: string;
  category: string;
  aspects: string[];
  policyVersion: number;
}

export interface ProposalFilter {
  /** Only these categories (a category manager's), or null for all. */
  scope: readonly string[] | null;
  category?: string;
  status?: ProposalStatus;
}

const COLUMNS = `p.id, p.seq, p.review_id, p.supplier_id, p.category, p.aspects, p.policy_version, p.status, p.reason, p.decided_by,
  p.decided_at, p.created_at, s.name AS supplier_name`;
const FROM = `exclusion_proposals p JOIN suppliers s ON s.id = p.supplier_id`;

/** The one writer of `exclusion_proposals`: at most one per review, ever; decided once. */
@Injectable()
export class ExclusionProposalsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The status of the proposal of each of these reviews that has one. */
  async statusOf(manager: EntityManager, reviewIds: string[]): Promise<Map<string, ProposalStatus>> {
    if (reviewIds.length === 0) return new Map();
    const rows = (await manager.query(`SELECT review_id, status FROM exclusion_proposals WHERE review_id = ANY($1::uuid[])`, [
      reviewIds,
    ])) as Array<{ review_id: string; status: ProposalStatus }>;
    return new Map(rows.map((r) => [r.review_id, r.status]));
  }

  /** Queues a PENDING proposal for each review that never had one (a review is proposed once, ever); how many were new. */
  async insertPending(manager: EntityManager, proposals: NewProposal[]): Promise<number> {
    if (proposals.length === 0) return 0;
    const sorted = [...proposals].sort((a, b) => (a.reviewId < b.reviewId ? -1 : 1));
    const rows = (await manager.query(
      `INSERT INTO exclusion_proposals (review_id, supplier_id, category, aspects, policy_version)
       SELECT x.review_id, x.supplier_id, x.category, string_to_array(x.aspects, ','), x.policy_version
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[]) AS x(review_id, supplier_id, category, aspects, policy_version)
       ON CONFLICT (review_id) DO NOTHING
       RETURNING 1`,
      [
        sorted.map((p) => p.reviewId),
        sorted.map((p) => p.supplierId),
        sorted.map((p) => p.category),
        // Aspect keys are lower_snake_case: a comma never occurs in one.
        sorted.map((p) => p.aspects.join(',')),
        sorted.map((p) => p.policyVersion),
      ],
    )) as unknown[];
    return rows.length;
  }

  async find(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<ProposalRow | null> {
    const rows = (await manager.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [
      id,
    ])) as ProposalRow[];
    return rows[0] ?? null;
  }

  /** Proposals oldest first after a seq, filtered; one more than `limit`. */
  async list(filter: ProposalFilter, after: string | undefined, limit: number): Promise<ProposalRow[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${FROM}
        WHERE ($1::text[] IS NULL OR p.category = ANY($1::text[])) AND ($2::text IS NULL OR p.category = $2)
          AND ($3::text IS NULL OR p.status = $3) AND ($4::bigint IS NULL OR p.seq > $4)
        ORDER BY p.seq LIMIT $5`,
      [filter.scope === null ? null : [...filter.scope], filter.category ?? null, filter.status ?? null, after ?? null, limit + 1],
    )) as ProposalRow[];
  }

  /** Decides a PENDING proposal (the caller holds its lock, or names it by review for the rule's own acceptance). */
  async decide(
    manager: EntityManager,
    where: { id: string } | { reviewId: string },
    status: Exclude<ProposalStatus, 'PENDING'>,
    reason: string,
    by: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE exclusion_proposals SET status = $2, reason = $3, decided_by = $4, decided_at = now()
        WHERE ${'id' in where ? 'id' : 'review_id'} = $1 AND status = 'PENDING'`,
      ['id' in where ? where.id : where.reviewId, status, reason, by],
    );
  }
}
