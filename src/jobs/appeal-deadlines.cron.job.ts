import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CronJob } from 'cron';

import { AppealDeadlinesService } from '../appeals/appeal-deadlines.service.js';
import { JOBS_OPTIONS, type JobsOptions } from '../config/jobs.options.js';

/** Announces overdue appeals (`APPEAL_SLA_CRON`). Each is announced once however many instances run it. */
@Injectable()
export class AppealDeadlinesJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AppealDeadlinesJob.name);
  private job: CronJob | null = null;

  constructor(
    private readonly deadlines: AppealDeadlinesService,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.job = CronJob.from({
      cronTime: this.options.appealSlaCron,
      timeZone: 'UTC',
      start: true,
      onTick: () =>
        void this.deadlines
          .announceOverdue()
          .then((n) => n > 0 && this.logger.log(`Announced ${n} overdue appeal(s)`))
          .catch((error: unknown) =>
            this.logger.error(`Appeal deadlines failed: ${error instanceof Error ? error.message : String(error)}`),
          ),
    });
  }

  onApplicationShutdown(): void {
    void this.job?.stop();
  }
}
