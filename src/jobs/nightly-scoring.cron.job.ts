import { hostname } from 'node:os';

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CronJob } from 'cron';

import { todayUtc } from '../common/time/dates.js';
import { JOBS_OPTIONS, type JobsOptions } from '../config/jobs.options.js';
import { DatabaseRepository } from '../database/database.repository.js';
import { ScoringRunException } from '../governance/runs/scoring-run.exception.js';
import { ScoringRunsService } from '../governance/runs/scoring-runs.service.js';

const JOB = 'nightly-scoring';

/**
 * The scheduled scoring run of all categories as of the new day (UTC). Every instance with jobs
 * enabled ticks; the one that records the tick first runs it, the others log and skip. The run
 * applies every sanction rule, probation expiry included.
 */
@Injectable()
export class NightlyScoringJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NightlyScoringJob.name);
  private readonly instance = `${hostname()}:${process.pid}`;
  private job: CronJob | null = null;

  constructor(
    private readonly database: DatabaseRepository,
    private readonly runs: ScoringRunsService,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.job = CronJob.from({ cronTime: this.options.scoringCron, timeZone: 'UTC', onTick: () => void this.tick(), start: true });
    this.logger.log(`Scheduled ${JOB} at "${this.options.scoringCron}" (UTC)`);
  }

  onApplicationShutdown(): void {
    void this.job?.stop();
  }

  /** Claims the tick (one instance wins) and starts the run. */
  async tick(now: Date = new Date()): Promise<void> {
    const tick = new Date(Math.floor(now.getTime() / 1000) * 1000);
    if (!(await this.database.claimTick(JOB, tick, this.instance))) {
      this.logger.log(`${JOB} tick ${tick.toISOString()} is being run by another instance; skipping`);
      return;
    }
    try {
      const { run, done } = await this.runs.start({ asOf: todayUtc(now), trigger: 'SCHEDULE', actor: `job:${JOB}` });
      await this.database.recordTickRun(JOB, tick, run.id);
      await done;
    } catch (error) {
      if (error instanceof ScoringRunException) this.logger.warn(`${JOB} tick ${tick.toISOString()} skipped: ${error.message}`);
      else this.logger.error(`${JOB} tick ${tick.toISOString()} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
