export const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');

/** What this instance runs besides the API (JOBS_ENABLED=false makes an API-only replica). */
export interface JobsOptions {
  enabled: boolean;
  scoringCron: string;
  auditExpiryCron: string;
  /** Overdue appeals announced (appeal.overdue). */
  appealSlaCron: string;
  /** The complaint SLA sweep (overdue deadline events). */
  complaintSlaCron: string;
  /** How often the webhook dispatcher looks for due deliveries. */
  webhookPollMs: number;
  /** Suppliers per scoring-run batch (one transaction each). */
  scoringBatchSize: number;
  /** Scoring-run batches in flight at once (each holds a database connection). */
  scoringWorkers: number;
}

export const NO_JOBS: JobsOptions = {
  enabled: false,
  scoringCron: '0 30 0 * * *',
  auditExpiryCron: '0 0 * * * *',
  appealSlaCron: '0 */5 * * * *',
  complaintSlaCron: '0 */5 * * * *',
  webhookPollMs: 1000,
  scoringBatchSize: 1000,
  scoringWorkers: 4,
};
