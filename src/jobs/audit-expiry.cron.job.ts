import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CronJob } from 'cron';

import { AuditsService } from '../audits/audits.service.js';
import { JOBS_OPTIONS, type JobsOptions } from '../config/jobs.options.js';

/** Expires overdue audit assignments (their suppliers return to planning). Idempotent, so every instance may run it. */
@Injectable()
export class AuditExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditExpiryJob.name);
  private job: CronJob | null = null;

  constructor(
    private readonly audits: AuditsService,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.job = CronJob.from({
      cronTime: this.options.auditExpiryCron,
      timeZone: 'UTC',
      start: true,
      onTick: () =>
        void this.audits
          .expireOverdue()
          .then((n) => n > 0 && this.logger.log(`Expired ${n} overdue audit assignment(s)`))
          .catch((error: unknown) => this.logger.error(`Audit expiry failed: ${error instanceof Error ? error.message : String(error)}`)),
    });
  }

  onApplicationShutdown(): void {
    void this.job?.stop();
  }
}
