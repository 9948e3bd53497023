import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { sqlList } from '../database/sql-list.js';
import type { Evaluation } from './domain/evaluation.js';

/** One point of a supplier's score history: what a run found, and the status the run left it in. */
export interface HistoryRow {
  as_of: string;
  window_days: number | null;
  n: number;
  positives: number;
  rate: number | null;
  tier: string;
  status: string;
}

export interface NewSnapshot {
  supplierId: string;
  policyVersion: number;
  evaluation: Evaluation;
}

/** The one writer of `score_snapshots`: what each scoring run found for each supplier on its date. */
@Injectable()
export class ScoreSnapshotsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts a batch of a run's snapshots in the caller's transaction. The snapshot is the claim:
   * with `skipExisting` (an earlier run of the date may have written some) a supplier that already
   * has one for the date is skipped, and the ids of those written come back; null means all were
   * written, the usual case, whose answer is then a NULL list. Without it a repeat fails the
   * transaction on the unique key.
   */
  async insertClaiming(
    manager: EntityManager,
    runId: string,
    asOf: string,
    snapshots: NewSnapshot[],
    skipExisting: boolean,
  ): Promise<Set<string> | null> {
    const [claim] = (await manager.query(
      `WITH claimed AS (
       INSERT INTO score_snapshots (supplier_id, as_of, run_id, policy_version, window_days, n, positives, raw_rate, wilson_lower, rate, tier)
       SELECT x.supplier_id, $1, $2, x.policy_version, x.window_days, x.n, x.positives, x.raw_rate, x.wilson_lower, x.rate, x.tier
         FROM unnest(string_to_array($3, ',')::uuid[], string_to_array($4, ',')::int[], string_to_array($5, ',', '')::int[],
                     string_to_array($6, ',')::int[], string_to_array($7, ',')::int[], string_to_array($8, ',', '')::float8[],
                     string_to_array($9, ',', '')::float8[], string_to_array($10, ',', '')::float8[], string_to_array($11, ',')::text[])
              AS x(supplier_id, policy_version, window_days, n, positives, raw_rate, wilson_lower, rate, tier)
       ${skipExisting ? 'ON CONFLICT DO NOTHING' : ''}
       RETURNING supplier_id)
       SELECT CASE WHEN count(*) < $12 THEN COALESCE(array_agg(supplier_id::text), '{}') END AS ids FROM claimed`,
      [
        asOf,
        runId,
        sqlList(snapshots.map((x) => x.supplierId)),
        sqlList(snapshots.map((x) => x.policyVersion)),
        sqlList(snapshots.map((x) => x.evaluation.windowDays)),
        sqlList(snapshots.map((x) => x.evaluation.n)),
        sqlList(snapshots.map((x) => x.evaluation.positives)),
        sqlList(snapshots.map((x) => x.evaluation.rawRate)),
        sqlList(snapshots.map((x) => x.evaluation.wilsonLower)),
        sqlList(snapshots.map((x) => x.evaluation.rate)),
        sqlList(snapshots.map((x) => x.evaluation.tier)),
        snapshots.length,
      ],
    )) as Array<{ ids: string[] | null }>;
    return claim.ids === null ? null : new Set(claim.ids);
  }

  /**
   * A supplier's snapshots with `as_of` in [from, to], oldest first, each with the status its run
   * left the supplier in: the latest decision written with or before the snapshot (a run writes
   * both in one transaction, so they share `created_at`), or APPLICANT, every supplier's first
   * status, when none was. The dates are probed one by one on the primary key (as_of,
   * supplier_id), so a history costs a few hundred index probes however many suppliers runs score.
   */
  async history(supplierId: string, from: string, to: string): Promise<HistoryRow[]> {
    return (await this.dataSource.query(
      `SELECT to_char(s.as_of, 'YYYY-MM-DD') AS as_of, s.window_days, s.n, s.positives, s.rate, s.tier,
              COALESCE(d.to_status, 'APPLICANT') AS status
         FROM generate_series($2::date, $3::date, interval '1 day') AS g(day)
         JOIN score_snapshots s ON s.as_of = g.day::date AND s.supplier_id = $1
         LEFT JOIN LATERAL (
              SELECT x.to_status FROM decisions x
               WHERE x.supplier_id = s.supplier_id AND x.created_at <= s.created_at
               ORDER BY x.seq DESC LIMIT 1) d ON true
        ORDER BY s.as_of`,
      [supplierId, from, to],
    )) as HistoryRow[];
  }
}
