import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../../common/pagination/page.js';
import { addDays, todayUtc } from '../../common/time/dates.js';
import { JOBS_OPTIONS, type JobsOptions } from '../../config/jobs.options.js';
import { sqlList } from '../../database/sql-list.js';
import { DecisionsService } from '../../decisions/decisions.service.js';
import type { NewDecision } from '../../decisions/domain/decision.js';
import type { Policy } from '../../policies/domain/policy.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { WindowCountsRepository } from '../../reviews/review-window-counts.repository.js';
import {
  outcomeActs,
  outcomeFor,
  sameState,
  scoreBatch,
  SCORED_STATUSES,
  SCORED_SUPPLIER_COLUMNS,
  type ScoredSupplier,
  scoredSupplierInput,
  type ScoredSupplierRow,
} from '../../scoring/supplier-scoring.js';
import { transitionRefusal } from '../../suppliers/domain/supplier-lifecycle.js';
import { nextStep } from '../domain/next-step.js';
import { ScoringRunException, ScoringRunExceptionCode } from './scoring-run.exception.js';
import { emptyCounts, type RunCounts, type RunTrigger, type ScoringRun } from './scoring-run.js';

/** Held by the one process running a scoring run; released by PostgreSQL if that process dies. */
const SCORING_LOCK_KEY = 72_001_002;

interface RunRow {
  id: string;
  seq: string;
  status: ScoringRun['status'];
  as_of: string;
  category: string | null;
  trigger: RunTrigger;
  processed: number;
  total: number;
  counts: RunCounts;
  created_by: string;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
}

function fromRow(r: RunRow): ScoringRun {
  return {
    id: r.id,
    status: r.status,
    asOf: r.as_of,
    category: r.category,
    trigger: r.trigger,
    processed: r.processed,
    total: r.total,
    counts: { ...emptyCounts(), ...r.counts, decisions: { ...emptyCounts().decisions, ...(r.counts.decisions ?? {}) } },
    createdBy: r.created_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
  };
}

const RUN_COLUMNS = `id, seq, status, to_char(as_of, 'YYYY-MM-DD') AS as_of, category, trigger, processed, total, counts, created_by, started_at, finished_at, error`;

/**
 * Scoring runs: re-score every supplier of a category (or all) as of a date from the roll-ups,
 * store a snapshot each, update tier and status, and append decisions. Batches commit one by
 * one; a supplier with a snapshot for the date is done, so re-running a date changes nothing and
 * a run after a failure picks up where the failed one stopped.
 */
@Injectable()
export class ScoringRunsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScoringRunsService.name);
  private readonly databaseUrl: string;
  private current: Promise<void> | null = null;
  /** Suppliers per batch (and per transaction); tests lower it to exercise batching. */
  batchSize: number;
  /** Batches scored at once, each in its own transaction and connection. */
  private readonly workers: number;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PoliciesService,
    private readonly counts: WindowCountsRepository,
    private readonly decisions: DecisionsService,
    @Inject(JOBS_OPTIONS) jobs: JobsOptions,
  ) {
    const options = dataSource.options as { url?: string };
    this.databaseUrl = options.url!;
    this.batchSize = jobs.scoringBatchSize;
    this.workers = jobs.scoringWorkers;
  }

  /** At start-up, a run left RUNNING while nobody holds the lock died with its process: mark it FAILED. */
  async onApplicationBootstrap(): Promise<void> {
    const lock = new pg.Client({ connectionString: this.databaseUrl });
    await lock.connect();
    try {
      const { rows } = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [SCORING_LOCK_KEY]);
      if (!rows[0].locked) return;
      await this.markInterrupted();
      await lock.query('SELECT pg_advisory_unlock($1)', [SCORING_LOCK_KEY]);
    } finally {
      await lock.end().catch(() => undefined);
    }
  }

  private async markInterrupted(): Promise<void> {
    const rows = (await this.dataSource.query(
      // (In a CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.)
      `WITH failed AS (
         UPDATE scoring_runs SET status = 'FAILED', finished_at = now(), error = 'Interrupted: the process running it stopped; a later run completes its work'
          WHERE status = 'RUNNING' RETURNING id)
       SELECT id FROM failed`,
    )) as Array<{ id: string }>;
    for (const { id } of rows) this.logger.warn(`Scoring run ${id} was interrupted; marked FAILED`);
  }

  /**
   * Starts a run in the background and returns it RUNNING; 409 while another run holds the lock.
   * `wait` resolves when the run has finished (for jobs and tests).
   */
  async start(params: {
    asOf?: string;
    category?: string;
    trigger: RunTrigger;
    actor: string;
  }): Promise<{ run: ScoringRun; done: Promise<void> }> {
    const lock = new pg.Client({ connectionString: this.databaseUrl, application_name: 'supplier-governance:scoring-lock' });
    await lock.connect();
    try {
      const { rows } = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [SCORING_LOCK_KEY]);
      if (!rows[0].locked) {
        const running = (await this.dataSource.query(
          `SELECT id FROM scoring_runs WHERE status = 'RUNNING' ORDER BY seq DESC LIMIT 1`,
        )) as Array<{ id: string }>;
        throw new ScoringRunException(
          ScoringRunExceptionCode.RUN_IN_PROGRESS,
          `A scoring run is already running${running[0] ? ` (${running[0].id})` : ''}; try again when it has finished`,
        );
      }
    } catch (error) {
      await lock.end().catch(() => undefined);
      throw error;
    }
    try {
      // Nobody else holds the lock, so a run still marked RUNNING died with its process.
      await this.markInterrupted();
      const asOf = params.asOf ?? todayUtc();
      const [row] = (await this.dataSource.query(
        `INSERT INTO scoring_runs (status, as_of, category, trigger, created_by, total)
         VALUES ('RUNNING', $1, $2, $3, $4,
                 (SELECT count(*) FROM suppliers WHERE status = ANY($5::text[]) AND ($2::text IS NULL OR category = $2)))
         RETURNING ${RUN_COLUMNS}`,
        [asOf, params.category ?? null, params.trigger, params.actor, SCORED_STATUSES],
      )) as RunRow[];
      const run = fromRow(row);
      const done = this.execute(run)
        .catch((error: unknown) => this.fail(run.id, error))
        .finally(() => {
          this.current = null;
          return lock
            .query('SELECT pg_advisory_unlock($1)', [SCORING_LOCK_KEY])
            .finally(() => lock.end())
            .catch(() => undefined);
        });
      this.current = done;
      return { run, done };
    } catch (error) {
      await lock.end().catch(() => undefined);
      throw error;
    }
  }

  async get(id: string): Promise<ScoringRun> {
    const rows = (await this.dataSource.query(`SELECT ${RUN_COLUMNS} FROM scoring_runs WHERE id = $1`, [id])) as RunRow[];
    if (rows.length === 0) throw new ScoringRunException(ScoringRunExceptionCode.RUN_NOT_FOUND, `Scoring run ${id} does not exist`);
    return fromRow(rows[0]);
  }

  async list(limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<ScoringRun>> {
    const before = decodeCursor(cursor);
    const rows = (await this.dataSource.query(
      `SELECT ${RUN_COLUMNS} FROM scoring_runs WHERE ($1::bigint IS NULL OR seq < $1) ORDER BY seq DESC LIMIT $2`,
      [before ?? null, limit + 1],
    )) as RunRow[];
    return toPage(rows, limit, (r) => r.seq, fromRow);
  }

  /** Lets a running batch commit, then stops; the run is marked FAILED and the next one finishes it. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.current?.catch(() => undefined);
  }

  private async fail(runId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(`Scoring run ${runId} failed: ${message}`, error instanceof Error ? error.stack : undefined);
    await this.dataSource
      .query(`UPDATE scoring_runs SET status = 'FAILED', finished_at = now(), error = $2 WHERE id = $1`, [runId, message.slice(0, 2000)])
      .catch(() => undefined);
  }

  private async execute(run: ScoringRun): Promise<void> {
    const policies = await this.policies.latestByCategory(run.category ?? undefined);
    // Snapshots and automated decisions of a date are written only by runs of that date, so the
    // first run of a date has nothing to skip: its batches insert without the conflict check
    // (about 5% of a first run, bench/README.md). Any later run of the date (a re-run, the one that
    // completes a failed run, another category's) skips what exists. The unique keys hold either
    // way: should a first run meet a row all the same, its batch fails and the next run skips it.
    const [{ earlier }] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM scoring_runs WHERE as_of = $1 AND id <> $2) AS earlier`,
      [run.asOf, run.id],
    )) as Array<{ earlier: boolean }>;
    const counts = emptyCounts();
    let processed = 0;
    let after = '0';
    let claiming: Promise<unknown> = Promise.resolve();
    // Batches are claimed one at a time (the next suppliers by seq, read without locks: most
    // change nothing, and the others are written only if still as read) and
    // scored by several workers in parallel, each batch in its own transaction: the database's
    // cores work side by side.
    const claim = (): Promise<ScoredSupplierRow[] | null> => {
      const next = claiming.then(async () => {
        const rows = (await this.dataSource.query(
          `SELECT seq, ${SCORED_SUPPLIER_COLUMNS}
             FROM suppliers
            WHERE seq > $1 AND status = ANY($2::text[]) AND ($3::text IS NULL OR category = $3)
            ORDER BY seq LIMIT $4`,
          [after, SCORED_STATUSES, run.category, this.batchSize],
        )) as Array<ScoredSupplierRow & { seq: string }>;
        if (rows.length === 0) return null;
        after = rows[rows.length - 1].seq;
        return rows;
      });
      claiming = next.catch(() => undefined);
      return next;
    };
    let aborted = false;
    const worker = async (): Promise<void> => {
      for (;;) {
        const suppliers = await claim();
        if (suppliers === null || aborted) return;
        if (this.stopping) throw new Error('Interrupted by shutdown after a committed batch; a later run completes the work');
        await this.dataSource.transaction(async (manager) => {
          // A batch touches a few thousand rows of tables a run keeps in memory; at the default
          // random_page_cost (4, for spinning disks) the planner would rather hash all 100,000
          // suppliers than look up the batch's ones by key (bench/README.md).
          await manager.query(`SET LOCAL random_page_cost = 1.1`);
          await this.scoreAndApply(manager, run, suppliers, (c) => policies.get(c), counts, earlier);
          processed += suppliers.length;
          await manager.query(`UPDATE scoring_runs SET processed = $2, counts = $3 WHERE id = $1`, [
            run.id,
            processed,
            JSON.stringify(counts),
          ]);
        });
      }
    };
    // When one worker fails the others finish their batch and stop; the run fails after all settled.
    const results = await Promise.allSettled(
      Array.from({ length: this.workers }, () =>
        worker().catch((error: unknown) => {
          aborted = true;
          throw error;
        }),
      ),
    );
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    await this.dataSource.query(
      `UPDATE scoring_runs SET status = 'SUCCEEDED', finished_at = now(), processed = $2, counts = $3 WHERE id = $1`,
      [run.id, processed, JSON.stringify(counts)],
    );
    this.logger.log(`Scoring run ${run.id} as of ${run.asOf}: ${counts.scored} scored, decisions ${JSON.stringify(counts.decisions)}`);
  }

  /**
   * Scores a batch and applies the outcomes in the caller's transaction. The snapshot insert is
   * the claim: a supplier that already has one for the date was done by an earlier run and is
   * left alone (re-running a date changes nothing; a failed run's successor picks up): checked
   * only when `skipExisting`, that is when an earlier run of the date may have written some. Suppliers
   * whose outcome writes anything are then updated on condition that they are as the batch read
   * them; any a manager changed meanwhile are locked, re-read and decided again.
   */
  private async scoreAndApply(
    manager: EntityManager,
    run: ScoringRun,
    rows: ScoredSupplierRow[],
    policyOf: (category: string) => Policy | undefined,
    counts: RunCounts,
    skipExisting: boolean,
  ): Promise<void> {
    if (rows.length === 0) return;
    const all = await scoreBatch(rows.map(scoredSupplierInput), policyOf, run.asOf, this.counts, manager);
    // The snapshot is the claim. Usually every supplier of the batch is fresh, and the answer is a
    // NULL list; the ids come back only when some already had a snapshot for the date.
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
        run.asOf,
        run.id,
        sqlList(all.map((x) => x.supplier.id)),
        sqlList(all.map((x) => x.policy.version)),
        sqlList(all.map((x) => x.evaluation.windowDays)),
        sqlList(all.map((x) => x.evaluation.n)),
        sqlList(all.map((x) => x.evaluation.positives)),
        sqlList(all.map((x) => x.evaluation.rawRate)),
        sqlList(all.map((x) => x.evaluation.wilsonLower)),
        sqlList(all.map((x) => x.evaluation.rate)),
        sqlList(all.map((x) => x.evaluation.tier)),
        all.length,
      ],
    )) as Array<{ ids: string[] | null }>;
    const fresh = claim.ids === null ? null : new Set(claim.ids);
    const scored = fresh === null ? all : all.filter((x) => fresh.has(x.supplier.id));
    counts.scored += scored.length;

    // Suppliers whose outcome writes something are updated on condition that they still hold the
    // state the outcome was decided on; the few a manager changed meanwhile are locked, re-read
    // and decided again on what the lock shows.
    const decided = scored.filter(({ supplier, outcome }) => outcomeActs(supplier, outcome));
    const missed = await this.applyIfUnchanged(manager, run.asOf, decided);
    let acting = decided;
    if (missed.size > 0) {
      const redecided = await this.lockAndRedecide(
        manager,
        run.asOf,
        decided.filter((x) => missed.has(x.supplier.id)),
      );
      if ((await this.applyIfUnchanged(manager, run.asOf, redecided)).size > 0)
        throw new Error('A supplier changed while locked by a scoring run');
      acting = [...decided.filter((x) => !missed.has(x.supplier.id)), ...redecided];
    }

    const decisions: NewDecision[] = acting
      .filter(({ outcome }) => outcome.decision !== null)
      .map(({ supplier, policy, evaluation, outcome }) => ({
        supplierId: supplier.id,
        kind: outcome.decision!,
        fromStatus: supplier.status,
        toStatus: outcome.status,
        asOf: run.asOf,
        policyVersion: policy.version,
        // By reference: the snapshot this batch wrote and the policy version (decision-evidence.ts).
        evidence: null,
        reason: outcome.reason!,
        nextStep:
          outcome.status === 'DELISTED'
            ? `May apply again from ${addDays(run.asOf, policy.readmissionCooldownDays)}.`
            : nextStep(evaluation, policy, outcome.status === 'PROBATION'),
        actor: `job:scoring-run`,
        runId: run.id,
      }));
    for (const d of await this.decisions.appendMany(manager, decisions, { repeats: skipExisting ? 'skip' : 'refuse' }))
      counts.decisions[d.kind as keyof RunCounts['decisions']]++;
  }

  /**
   * Writes each outcome's state to its supplier if the supplier still holds the state the outcome
   * was decided on (an UPDATE re-checks that on the latest version of a row a concurrent
   * transaction changed); returns the ids it did not write. The lifecycle is the one authority on
   * status changes: a refusal here is a bug in the rules, and fails the batch before any write.
   */
  private async applyIfUnchanged(manager: EntityManager, asOf: string, acting: ScoredSupplier[]): Promise<Set<string>> {
    if (acting.length === 0) return new Set();
    for (const { supplier, outcome } of acting) {
      const refusal = outcome.status === supplier.status ? null : transitionRefusal(supplier.status, outcome.status, 'SANCTION');
      if (refusal !== null) throw new Error(`Sanction breaks the supplier lifecycle for ${supplier.id}: ${refusal}`);
    }
    const [row] = (await manager.query(
      `WITH x AS (
         SELECT * FROM unnest(string_to_array($2, ',')::uuid[], string_to_array($3, ','), string_to_array($4, ',', ''), string_to_array($5, ',', '')::date[],
                              string_to_array($6, ','), string_to_array($7, ',', ''), string_to_array($8, ',', '')::date[])
                AS x(id, was_status, was_tier, was_probation_ends_at, status, tier, probation_ends_at)),
       written AS (
         UPDATE suppliers s
            SET status = x.status, tier = x.tier, probation_ends_at = x.probation_ends_at,
                status_as_of = CASE WHEN x.status <> s.status THEN $1::date ELSE s.status_as_of END,
                updated_at = now()
           FROM x
          WHERE s.id = x.id AND s.status = x.was_status AND s.tier IS NOT DISTINCT FROM x.was_tier
            AND s.probation_ends_at IS NOT DISTINCT FROM x.was_probation_ends_at
         RETURNING s.id)
       SELECT string_agg(x.id::text, ',') AS missed FROM x WHERE x.id NOT IN (SELECT id FROM written)`,
      [
        asOf,
        sqlList(acting.map((x) => x.supplier.id)),
        sqlList(acting.map((x) => x.supplier.status)),
        sqlList(acting.map((x) => x.supplier.tier)),
        sqlList(acting.map((x) => x.supplier.probationEndsAt)),
        sqlList(acting.map((x) => x.outcome.status)),
        sqlList(acting.map((x) => x.outcome.tier)),
        sqlList(acting.map((x) => x.outcome.probationEndsAt)),
      ],
    )) as Array<{ missed: string | null }>;
    return new Set(row.missed === null ? [] : row.missed.split(','));
  }

  /** Locks suppliers a manager changed during the run (in id order) and decides again on what the lock shows. */
  private async lockAndRedecide(manager: EntityManager, asOf: string, acting: ScoredSupplier[]): Promise<ScoredSupplier[]> {
    if (acting.length === 0) return [];
    const current = (await manager.query(
      `SELECT ${SCORED_SUPPLIER_COLUMNS}
         FROM suppliers WHERE id = ANY(string_to_array($1, ',')::uuid[]) ORDER BY id FOR UPDATE`,
      [sqlList(acting.map((x) => x.supplier.id))],
    )) as ScoredSupplierRow[];
    const byId = new Map(current.map((r) => [r.id, scoredSupplierInput(r)]));
    const result: ScoredSupplier[] = [];
    for (const x of acting) {
      const now = byId.get(x.supplier.id)!;
      if (sameState(now, x.supplier)) {
        result.push(x);
        continue;
      }
      const outcome = outcomeFor(x.policy, now, x.evaluation, asOf);
      if (outcomeActs(now, outcome)) result.push({ ...x, supplier: now, outcome });
    }
    return result;
  }
}
