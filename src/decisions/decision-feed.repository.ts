import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { DecisionRow } from './decision.mapper.js';
import { REFERENCED_EVIDENCE_COLUMNS, referencedEvidenceJoins } from './decision-evidence.js';
import type { DecisionKind } from './domain/decision.js';

export interface DecisionFeedFilter {
  category?: string;
  /** Categories the caller may see (null: all). */
  scope: readonly string[] | null;
  kind?: DecisionKind;
  supplierId?: string;
  /** createdAt at or after this instant. */
  from?: string;
  /** createdAt before this instant. */
  before?: string;
  /** The keyset position: the last row's createdAt (microseconds, UTC) and seq. */
  after?: { createdAt: string; seq: string };
  limit: number;
}

/** A decision of the feed: the decision row, its supplier's name, and its createdAt to the microsecond (the cursor's key). */
export interface FeedDecisionRow extends DecisionRow {
  supplier_name: string;
  created_key: string;
}

/** Reads the decision log across suppliers, newest first: the cross-supplier feed (issue 19). */
@Injectable()
export class DecisionFeedRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A category's decisions made in [from, before) (instants), counted by kind; kinds with none are absent. */
  async countByKind(category: string, from: string, before: string): Promise<Array<{ kind: DecisionKind; n: number }>> {
    return (await this.dataSource.query(
      `SELECT d.kind, count(*)::int AS n FROM decisions d JOIN suppliers x ON x.id = d.supplier_id
        WHERE x.category = $1 AND d.created_at >= $2::timestamptz AND d.created_at < $3::timestamptz
        GROUP BY d.kind`,
      [category, from, before],
    )) as Array<{ kind: DecisionKind; n: number }>;
  }

  /** One page, newest first by (created_at, seq), walked on decisions_feed_idx. */
  async page(f: DecisionFeedFilter): Promise<FeedDecisionRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (f.category !== undefined) where.push(`x.category = ${param(f.category)}`);
    if (f.scope !== null) where.push(`x.category = ANY(${param([...f.scope])}::text[])`);
    if (f.kind !== undefined) where.push(`d.kind = ${param(f.kind)}`);
    if (f.supplierId !== undefined) where.push(`d.supplier_id = ${param(f.supplierId)}::uuid`);
    if (f.from !== undefined) where.push(`d.created_at >= ${param(f.from)}::timestamptz`);
    if (f.before !== undefined) where.push(`d.created_at < ${param(f.before)}::timestamptz`);
    if (f.after !== undefined)
      where.push(`(d.created_at, d.seq) < (${param(f.after.createdAt)}::timestamptz, ${param(f.after.seq)}::bigint)`);
    return (await this.dataSource.query(
      `SELECT d.id, d.seq, d.supplier_id, d.kind, d.from_status, d.to_status, to_char(d.as_of, 'YYYY-MM-DD') AS as_of, d.policy_version,
              d.evidence, d.reason, d.next_step, d.actor, d.run_id, d.created_at, x.name AS supplier_name,
              to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_key, ${REFERENCED_EVIDENCE_COLUMNS}
         FROM decisions d JOIN suppliers x ON x.id = d.supplier_id
              ${referencedEvidenceJoins('d', 'x.category')}
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY d.created_at DESC, d.seq DESC LIMIT ${param(f.limit + 1)}`,
      params,
    )) as FeedDecisionRow[];
  }
}
