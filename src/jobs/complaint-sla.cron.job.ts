import { hostname } from 'node:os';

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CronJob } from 'cron';

import { ComplaintDeadlinesService } from '../complaints/complaint-deadlines.service.js';
import { JOBS_OPTIONS, type JobsOptions } from '../config/jobs.options.js';
import { DatabaseRepository } from '../database/database.repository.js';

const JOB = 'complaint-sla';

/**
 * The complaint SLA sweep on COMPLAINT_SLA_CRON (default every 5 minutes, UTC): raises one event
 * per overdue deadline. Every instance with jobs enabled ticks; the one that claims the tick
 * sweeps, the others skip. The work is the complaints module's (`ComplaintDeadlinesService`),
 * which is safe on its own even if two sweeps met (row locks and the outbox's dedupe key).
 */
@Injectable()
export class ComplaintSlaJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ComplaintSlaJob.name);
  private readonly instance = `${hostname()}:${process.pid}`;
  private job: CronJob | null = null;

  constructor(
    private readonly database: DatabaseRepository,
    private readonly deadlines: ComplaintDeadlinesService,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.job = CronJob.from({ cronTime: this.options.complaintSlaCron, timeZone: 'UTC', onTick: () => void this.tick(), start: true });
    this.logger.log(`Scheduled ${JOB} at "${this.options.complaintSlaCron}" (UTC)`);
  }

  onApplicationShutdown(): void {
    void this.job?.stop();
  }

  /** Claims the tick (one instance wins) and sweeps. */
  async tick(now: Date = new Date()): Promise<void> {
    // The scheduled second, rounded: a timer may fire a few milliseconds early, and flooring would
    // then give instances that fired together different ticks to claim.
    const tick = new Date(Math.round(now.getTime() / 1000) * 1000);
    try {
      if (!(await this.database.claimTick(JOB, tick, this.instance))) {
        this.logger.log(`${JOB} tick ${tick.toISOString()} is being run by another instance; skipping`);
        return;
      }
      await this.deadlines.raiseOverdue(now);
    } catch (error) {
      this.logger.error(`${JOB} tick ${tick.toISOString()} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
