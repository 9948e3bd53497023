import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { CoveringRun } from '../domain/run-dates.js';
import { type RunCounts, type RunTrigger, type ScoringRun } from './scoring-run.js';
import { runFromRow, type RunRow } from './scoring-run.mapper.js';

const RUN_COLUMNS = `id, seq, status, to_char(as_of, 'YYYY-MM-DD') AS as_of, category, trigger, processed, total, counts, created_by, started_at, finished_at, error`;

/** The one writer of `scoring_runs`: the record of each run, its progress and its end. */
@Injectable()
export class ScoringRunsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs left RUNNING are marked FAILED (their process died); returns their ids. */
  async markInterrupted(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      // (In a CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.)
      `WITH failed AS (
         UPDATE scoring_runs SET status = 'FAILED', finished_at = now(), error = 'Interrupted: the process running it stopped; a later run completes its work'
          WHERE status = 'RUNNING' RETURNING id)
       SELECT id FROM failed`,
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  async latestRunningId(): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT id FROM scoring_runs WHERE status = 'RUNNING' ORDER BY seq DESC LIMIT 1`)) as Array<{
      id: string;
    }>;
    return rows[0]?.id ?? null;
  }

  async insertRunning(params: {
    asOf: string;
    category: string | null;
    trigger: RunTrigger;
    actor: string;
    total: number;
  }): Promise<ScoringRun> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO scoring_runs (status, as_of, category, trigger, created_by, total)
       VALUES ('RUNNING', $1, $2, $3, $4, $5)
       RETURNING ${RUN_COLUMNS}`,
      [params.asOf, params.category, params.trigger, params.actor, params.total],
    )) as RunRow[];
    return runFromRow(row);
  }

  /**
   * The latest SUCCEEDED run that scored the suppliers a run of `category` would score: a run of
   * that category or of all; for a run of all (null), any run. Latest by as-of date.
   */
  async latestSucceededCovering(category: string | null): Promise<CoveringRun | null> {
    const rows = (await this.dataSource.query(
      `SELECT id, to_char(as_of, 'YYYY-MM-DD') AS as_of, category FROM scoring_runs
        WHERE status = 'SUCCEEDED' AND ($1::text IS NULL OR category IS NULL OR category = $1)
        ORDER BY as_of DESC, seq DESC LIMIT 1`,
      [category],
    )) as Array<{ id: string; as_of: string; category: string | null }>;
    return rows.length === 0 ? null : { id: rows[0].id, asOf: rows[0].as_of, category: rows[0].category };
  }

  async find(id: string): Promise<ScoringRun | null> {
    const rows = (await this.dataSource.query(`SELECT ${RUN_COLUMNS} FROM scoring_runs WHERE id = $1`, [id])) as RunRow[];
    return rows.length === 0 ? null : runFromRow(rows[0]);
  }

  /** Newest first, before a seq; one more than `limit` to tell whether a next page exists. */
  async list(before: string | undefined, limit: number): Promise<Array<ScoringRun & { seq: string }>> {
    const rows = (await this.dataSource.query(
      `SELECT ${RUN_COLUMNS} FROM scoring_runs WHERE ($1::bigint IS NULL OR seq < $1) ORDER BY seq DESC LIMIT $2`,
      [before ?? null, limit + 1],
    )) as RunRow[];
    return rows.map((r) => ({ ...runFromRow(r), seq: r.seq }));
  }

  /** Whether another run of the same date exists (it may have written snapshots and decisions). */
  async otherRunOfDate(asOf: string, runId: string): Promise<boolean> {
    const [{ earlier }] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM scoring_runs WHERE as_of = $1 AND id <> $2) AS earlier`,
      [asOf, runId],
    )) as Array<{ earlier: boolean }>;
    return earlier;
  }

  /**
   * Progress, once the batches it counts have committed. Workers record it one after the other
   * without a common transaction, so a count never goes back: a smaller one arriving late is dropped.
   */
  async recordProgress(runId: string, processed: number, counts: RunCounts): Promise<void> {
    await this.dataSource.query(`UPDATE scoring_runs SET processed = $2, counts = $3 WHERE id = $1 AND processed < $2`, [
      runId,
      processed,
      JSON.stringify(counts),
    ]);
  }

  async succeed(runId: string, processed: number, counts: RunCounts): Promise<void> {
    await this.dataSource.query(
      `UPDATE scoring_runs SET status = 'SUCCEEDED', finished_at = now(), processed = $2, counts = $3 WHERE id = $1`,
      [runId, processed, JSON.stringify(counts)],
    );
  }

  async fail(runId: string, message: string): Promise<void> {
    await this.dataSource.query(`UPDATE scoring_runs SET status = 'FAILED', finished_at = now(), error = $2 WHERE id = $1`, [
      runId,
      message.slice(0, 2000),
    ]);
  }
}
