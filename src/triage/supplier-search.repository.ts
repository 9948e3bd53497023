import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { SupplierStatus, Tier } from '../suppliers/domain/supplier-lifecycle.js';
import type { SupplierRow } from '../suppliers/supplier.mapper.js';
import type { RiskKind } from './domain/at-risk.js';

/** How the search orders suppliers: each an ascending key (then seq), so one keyset form serves all. */
export const SUPPLIER_SORTS = ['rate', '-rate', 'tier', 'probationEndsAt', 'name'] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number];

/**
 * The ascending key of each sort, over the joined row (`s` the supplier, `ls` its latest snapshot):
 * rate lowest first and `-rate` highest first, unscored suppliers last in both; tier worst first
 * (POOR, WATCH, GOOD, EXCELLENT, INSUFFICIENT_DATA, none); probation end soonest first, none last
 * (days since 1970); name case-insensitively.
 */
const SORT_KEYS: Record<SupplierSort, string> = {
  rate: `COALESCE(ls.rate, 2)`,
  '-rate': `COALESCE(-ls.rate, 2)`,
  tier: `CASE s.tier WHEN 'POOR' THEN 0 WHEN 'WATCH' THEN 1 WHEN 'GOOD' THEN 2 WHEN 'EXCELLENT' THEN 3 WHEN 'INSUFFICIENT_DATA' THEN 4 ELSE 5 END`,
  probationEndsAt: `(COALESCE(s.probation_ends_at, DATE '9999-12-31') - DATE '1970-01-01')`,
  name: `lower(s.name)`,
};

export function sortKeyType(sort: SupplierSort): 'number' | 'string' {
  return sort === 'name' ? 'string' : 'number';
}

export interface SupplierSearch {
  category?: string;
  /** Categories the caller may see (null: all). */
  scope: readonly string[] | null;
  status?: SupplierStatus;
  tier?: Tier;
  /** A substring of name, externalRef or city, any case. */
  q?: string;
  probationEndsBefore?: string;
  holdEndsBefore?: string;
  atRisk?: boolean;
  /** The date the next run is dated: what "at risk" looks ahead to. */
  nextRun: string;
  sort?: SupplierSort;
  /** The keyset position: seq alone without a sort, the sort key and seq with one. */
  after?: { key?: string | number; seq: string };
  limit: number;
}

export interface SupplierListingRow extends SupplierRow {
  rate: number | null;
  rate_as_of: string | null;
  window_days: number | null;
  n: number | null;
  positives: number | null;
  snapshot_tier: Tier | null;
  risk: 'PENALTY' | 'DELIST' | 'WARNING' | null;
  sort_key: string | number | null;
}

/**
 * The SQL twin of `riskOf` (domain/at-risk.ts): the sanction state machine's rules in their order,
 * on the latest snapshot's rate tiered under the latest policy (`p`), as of the next run ($1).
 * A REINSTATE or REWARD that comes first leaves the supplier not at risk.
 */
const RISK_SQL = `CASE
    WHEN s.status NOT IN ('ACTIVE', 'PROBATION') OR p.category IS NULL THEN NULL
    WHEN s.hold_until IS NOT NULL AND $1::date <= s.hold_until THEN NULL
    WHEN e.tier IS NOT NULL AND ls.rate < p.delist_threshold THEN 'DELIST'
    WHEN s.status = 'PROBATION' AND e.tier IS NOT NULL AND ls.rate >= p.admission_threshold + p.reinstate_margin
         AND s.audit_failed_on IS NULL THEN NULL
    WHEN s.status = 'PROBATION' AND s.probation_ends_at IS NOT NULL AND $1::date >= s.probation_ends_at THEN 'DELIST'
    WHEN e.tier IS NULL THEN NULL
    WHEN s.status = 'ACTIVE' AND e.tier = 'POOR' THEN 'PENALTY'
    WHEN e.tier = 'EXCELLENT' AND s.tier IS DISTINCT FROM 'EXCELLENT' AND s.audit_failed_on IS NULL THEN NULL
    WHEN s.status = 'ACTIVE' AND e.tier = 'WATCH' AND s.tier IS DISTINCT FROM 'WATCH' THEN 'WARNING'
  END`;

/**
 * The suppliers the `where` conditions keep (over `s`, with $1 the next run's date), each with its
 * latest snapshot (`ls`), its risk and the sort key: the CTE `listed` the search pages and the
 * overview counts.
 */
function listedSql(where: string[], key: string): string {
  return `WITH latest_policy AS MATERIALIZED (
         SELECT DISTINCT ON (category) category, reward_threshold, admission_threshold, penalty_threshold, delist_threshold, reinstate_margin
           FROM policies ORDER BY category, version DESC),
       listed AS (
         SELECT s.id, s.seq, s.external_ref, s.name, s.category, s.city, s.themes, s.status, s.tier,
                to_char(s.probation_ends_at, 'YYYY-MM-DD') AS probation_ends_at, to_char(s.hold_until, 'YYYY-MM-DD') AS hold_until,
                to_char(s.audit_failed_on, 'YYYY-MM-DD') AS audit_failed_on, to_char(s.status_as_of, 'YYYY-MM-DD') AS status_as_of,
                s.created_at, s.updated_at,
                ls.rate, to_char(ls.as_of, 'YYYY-MM-DD') AS rate_as_of, ls.window_days, ls.n, ls.positives, ls.tier AS snapshot_tier,
                ${RISK_SQL} AS risk, ${key} AS sort_key
           FROM suppliers s
           LEFT JOIN latest_policy p ON p.category = s.category
           LEFT JOIN LATERAL (
                SELECT ss.as_of, ss.rate, ss.window_days, ss.n, ss.positives, ss.tier
                  FROM scoring_runs r JOIN score_snapshots ss ON ss.as_of = r.as_of AND ss.supplier_id = s.id
                 WHERE (r.category IS NULL OR r.category = s.category)
                   AND COALESCE(r.finished_at, 'infinity') >= s.created_at
                   AND (s.status NOT IN ('DELISTED', 'REJECTED') OR r.as_of <= COALESCE(s.status_as_of, 'infinity'))
                 ORDER BY r.as_of DESC LIMIT 1) ls ON true
           CROSS JOIN LATERAL (
                SELECT CASE WHEN ls.rate IS NULL OR ls.tier = 'INSUFFICIENT_DATA' THEN NULL
                            WHEN ls.rate >= p.reward_threshold THEN 'EXCELLENT'
                            WHEN ls.rate >= p.admission_threshold THEN 'GOOD'
                            WHEN ls.rate >= p.penalty_threshold THEN 'WATCH'
                            ELSE 'POOR' END AS tier) e
          ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''})`;
}

/** `%q%` for ILIKE, the pattern characters of q taken literally. */
function containing(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Reads for triage across modules' tables (suppliers, the scoring runs and their snapshots,
 * policies); writes nothing.
 */
@Injectable()
export class SupplierSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One page of the search, each supplier with its latest snapshot: the newest run date covering
   * its category, run after it was registered (and, once delisted or rejected, dated no later than
   * that) at which a snapshot of it exists, probed on the snapshots' key (as_of, supplier_id) one
   * date at a time, newest first: one probe for a supplier the last run scored.
   */
  async search(f: SupplierSearch): Promise<SupplierListingRow[]> {
    const params: unknown[] = [f.nextRun];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (f.category !== undefined) where.push(`s.category = ${param(f.category)}`);
    if (f.scope !== null) where.push(`s.category = ANY(${param([...f.scope])}::text[])`);
    if (f.status !== undefined) where.push(`s.status = ${param(f.status)}`);
    if (f.tier !== undefined) where.push(`s.tier = ${param(f.tier)}`);
    if (f.q !== undefined) {
      const q = param(containing(f.q));
      where.push(`(s.name ILIKE ${q} OR s.external_ref ILIKE ${q} OR s.city ILIKE ${q})`);
    }
    if (f.probationEndsBefore !== undefined) where.push(`s.probation_ends_at < ${param(f.probationEndsBefore)}::date`);
    if (f.holdEndsBefore !== undefined) where.push(`s.hold_until < ${param(f.holdEndsBefore)}::date`);
    const outer: string[] = [];
    if (f.atRisk !== undefined) outer.push(f.atRisk ? `risk IS NOT NULL` : `risk IS NULL`);
    const key = f.sort === undefined ? `NULL::int` : SORT_KEYS[f.sort];
    if (f.after !== undefined) {
      outer.push(
        f.sort === undefined
          ? `seq > ${param(f.after.seq)}::bigint`
          : `(sort_key, seq) > (${param(f.after.key)}::${sortKeyType(f.sort) === 'string' ? 'text' : 'float8'}, ${param(f.after.seq)}::bigint)`,
      );
    }
    const limit = param(f.limit + 1);
    return (await this.dataSource.query(
      `${listedSql(where, key)}
       SELECT * FROM listed ${outer.length > 0 ? `WHERE ${outer.join(' AND ')}` : ''}
        ORDER BY ${f.sort === undefined ? '' : 'sort_key, '}seq LIMIT ${limit}`,
      params,
    )) as SupplierListingRow[];
  }

  /**
   * A category's suppliers the next run (dated `nextRun`) would sanction, counted by the sanction:
   * the search's `atRisk=true` over the category, counted in one statement.
   */
  async riskCounts(category: string, nextRun: string): Promise<Array<{ risk: RiskKind; n: number }>> {
    return (await this.dataSource.query(
      `${listedSql([`s.category = $2`, `s.status IN ('ACTIVE', 'PROBATION')`], 'NULL::int')}
       SELECT risk, count(*)::int AS n FROM listed WHERE risk IS NOT NULL GROUP BY risk`,
      [nextRun, category],
    )) as Array<{ risk: RiskKind; n: number }>;
  }
}
