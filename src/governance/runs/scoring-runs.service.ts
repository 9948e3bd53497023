import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { assertCategoryAccess } from '../../common/auth/category-access.js';
import type { Principal } from '../../common/auth/principal.js';
import { MetricsRegistry } from '../../common/metrics/metrics-registry.js';
import { decodeCursor, DEFAULT_LIMIT, type Page, toPage } from '../../common/pagination/page.js';
import { resolveAsOf } from '../../common/time/as-of.js';
import { JOBS_OPTIONS, type JobsOptions } from '../../config/jobs.options.js';
import { LockKey, tryLock, withTryLock } from '../../database/advisory-lock.js';
import { preferIndexLookups } from '../../database/planner.js';
import { PoliciesService } from '../../policies/policies.service.js';
import { type StandingOfSupplier, SuppliersRepository } from '../../suppliers/suppliers.repository.js';
import { backdatedRunRefusal } from '../domain/run-dates.js';
import { SCORED_STATUSES } from '../supplier-scoring.js';
import { ScoreBatchUseCase } from './score-batch.usecase.js';
import { ScoringRunException, ScoringRunExceptionCode } from './scoring-run.exception.js';
import { emptyCounts, type RunTrigger, type ScoringRun } from './scoring-run.js';
import { ScoringRunsRepository } from './scoring-runs.repository.js';

/**
 * Scoring runs: re-score every supplier of a category (or all) as of a date from the roll-ups,
 * store a snapshot each, update tier and status, and append decisions. This class orchestrates:
 * one run at a time (an advisory lock), batches claimed in turn and scored by several workers,
 * recovery of a run whose process died, shutdown after the running batches commit. Scoring and
 * deciding a batch is `ScoreBatchUseCase`; the run record is `ScoringRunsRepository`.
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
    private readonly runs: ScoringRunsRepository,
    private readonly policies: PoliciesService,
    private readonly suppliers: SuppliersRepository,
    private readonly scoreBatch: ScoreBatchUseCase,
    private readonly metrics: MetricsRegistry,
    @Inject(JOBS_OPTIONS) jobs: JobsOptions,
  ) {
    const options = dataSource.options as { url?: string };
    this.databaseUrl = options.url!;
    this.batchSize = jobs.scoringBatchSize;
    this.workers = jobs.scoringWorkers;
  }

  /** At start-up, a run left RUNNING while nobody holds the lock died with its process: mark it FAILED. */
  async onApplicationBootstrap(): Promise<void> {
    await withTryLock(this.databaseUrl, LockKey.ScoringRun, () => this.markInterrupted());
  }

  private async markInterrupted(): Promise<void> {
    for (const id of await this.runs.markInterrupted()) this.logger.warn(`Scoring run ${id} was interrupted; marked FAILED`);
  }

  /**
   * Starts a run in the background and returns it RUNNING. Refused before anything is written: a
   * category manager's run without a category (400) or of another category (403), a date before
   * 2000-01-01 or after today (422), a category without a policy (422), while another run holds
   * the lock (409), or dated before the latest succeeded run that covered the same suppliers
   * (409, checked under the lock). `done` resolves when the run has finished (for jobs and tests).
   */
  async start(params: {
    asOf?: string;
    category?: string;
    trigger: RunTrigger;
    actor: string;
    /** Who asked, for a manual run; a category manager runs only categories it manages. */
    principal?: Principal;
  }): Promise<{ run: ScoringRun; done: Promise<void> }> {
    if (params.principal?.role === 'category_manager') {
      if (params.category === undefined) {
        throw new ScoringRunException(
          ScoringRunExceptionCode.CATEGORY_REQUIRED,
          'category is required: a category manager runs the categories it manages, one at a time',
          [{ field: 'category', message: 'is required for a category manager' }],
        );
      }
      assertCategoryAccess(params.principal, params.category);
    }
    const asOf = resolveAsOf(params.asOf);
    const category = params.category ?? null;
    if (category !== null && !(await this.policies.findLatest(category))) {
      throw new ScoringRunException(
        ScoringRunExceptionCode.CATEGORY_WITHOUT_POLICY,
        `Category "${category}" has no policy: publish one (PUT /v1/policies/${category}) before scoring it`,
        [{ field: 'category', message: 'has no policy' }],
      );
    }
    const lock = await tryLock(this.databaseUrl, LockKey.ScoringRun);
    if (lock === null) {
      const running = await this.runs.latestRunningId();
      throw new ScoringRunException(
        ScoringRunExceptionCode.RUN_IN_PROGRESS,
        `A scoring run is already running${running ? ` (${running})` : ''}; try again when it has finished`,
      );
    }
    try {
      // Nobody else holds the lock, so a run still marked RUNNING died with its process.
      await this.markInterrupted();
      // Under the lock, so no run of a later date can succeed between this check and the insert.
      const latest = await this.runs.latestSucceededCovering(category);
      const backwards = backdatedRunRefusal(asOf, category, latest);
      if (backwards !== null) {
        throw new ScoringRunException(ScoringRunExceptionCode.RUN_BEFORE_SUCCEEDED_RUN, backwards, [
          { field: 'asOf', message: `must not be before ${latest!.asOf}, the date of the latest succeeded run covering these suppliers` },
        ]);
      }
      const run = await this.runs.insertRunning({
        asOf,
        category,
        trigger: params.trigger,
        actor: params.actor,
        total: await this.suppliers.count(SCORED_STATUSES, category),
      });
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      const done = this.execute(run)
        .then((processed) => this.metrics.scoringRunEnded('succeeded', seconds(), processed))
        .catch((error: unknown) => {
          this.metrics.scoringRunEnded('failed', seconds(), 0);
          return this.fail(run.id, error);
        })
        .finally(() => {
          this.current = null;
          return lock.release();
        });
      this.current = done;
      return { run, done };
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  async get(id: string): Promise<ScoringRun> {
    const run = await this.runs.find(id);
    if (!run) throw new ScoringRunException(ScoringRunExceptionCode.RUN_NOT_FOUND, `Scoring run ${id} does not exist`);
    return run;
  }

  async list(limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<ScoringRun>> {
    const rows = await this.runs.list(decodeCursor(cursor), limit);
    return toPage(
      rows,
      limit,
      (r) => r.seq,
      ({ seq: _seq, ...run }) => run,
    );
  }

  /** Lets a running batch commit, then stops; the run is marked FAILED and the next one finishes it. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.current?.catch(() => undefined);
  }

  private async fail(runId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(`Scoring run ${runId} failed: ${message}`, error instanceof Error ? error.stack : undefined);
    await this.runs.fail(runId, message).catch(() => undefined);
  }

  /** Runs the run to its end; answers how many suppliers it went through. */
  private async execute(run: ScoringRun): Promise<number> {
    const policies = await this.policies.latestByCategory(run.category ?? undefined);
    // Snapshots and automated decisions of a date are written only by runs of that date, so the
    // first run of a date has nothing to skip: its batches insert without the conflict check
    // (about 5% of a first run, bench/README.md). Any later run of the date (a re-run, the one that
    // completes a failed run, another category's) skips what exists. The unique keys hold either
    // way: should a first run meet a row all the same, its batch fails and the next run skips it.
    const skipExisting = await this.runs.otherRunOfDate(run.asOf, run.id);
    const counts = emptyCounts();
    let processed = 0;
    let after = '0';
    let claiming: Promise<unknown> = Promise.resolve();
    // Batches are claimed one at a time (the next suppliers by seq, read without locks: most
    // change nothing, and the others are written only if still as read) and scored by several
    // workers in parallel, each batch in its own transaction: the database's cores work side by side.
    const claim = (): Promise<StandingOfSupplier[] | null> => {
      const next = claiming.then(async () => {
        const batch = await this.suppliers.standingsAfter(after, SCORED_STATUSES, run.category, this.batchSize);
        if (batch === null) return null;
        after = batch.last;
        return batch.suppliers;
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
          // A batch looks up a few thousand of 100,000 suppliers' rows by key.
          await preferIndexLookups(manager);
          await this.scoreBatch.execute(manager, { run, suppliers, policyOf: (c) => policies.get(c), skipExisting, counts });
        });
        // After the commit, not in the batch's transaction: there the run's row stayed locked to
        // the commit, and the batches queued on it behind the outbox lock (bench/README.md).
        processed += suppliers.length;
        await this.runs.recordProgress(run.id, processed, counts);
        this.metrics.suppliersProcessedInBatch(suppliers.length);
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
    await this.runs.succeed(run.id, processed, counts);
    this.logger.log(`Scoring run ${run.id} as of ${run.asOf}: ${counts.scored} scored, decisions ${JSON.stringify(counts.decisions)}`);
    return processed;
  }
}
