import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a fast read to a slow batch upload. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: a category of a few suppliers to a full re-score of 100,000. */
const RUN_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

export type ScoringRunOutcome = 'succeeded' | 'failed';
export type WebhookDeliveryResult = 'delivered' | 'failed';

/**
 * This app instance's Prometheus registry (never prom-client's global one: tests run many apps in
 * one process) and the metrics the modules record into it. The service's own metrics are named
 * `sg_*`; Node's process metrics keep their standard names (`process_*`, `nodejs_*`).
 *
 * Modules above `common` record through the methods here, or register a gauge read at scrape time
 * (`collected`) for what only they can read: the outbox lag, overdue complaints, the pool.
 */
@Injectable()
export class MetricsRegistry {
  private readonly logger = new Logger('Metrics');
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'sg_http_request_duration_seconds',
    help: 'HTTP requests by route template (never the raw path; "unmatched" when no route), method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  private readonly scoringRunDuration = new Histogram({
    name: 'sg_scoring_run_duration_seconds',
    help: 'Scoring runs from start to end, by outcome',
    labelNames: ['outcome'] as const,
    buckets: RUN_BUCKETS,
    registers: [this.registry],
  });

  private readonly suppliersProcessed = new Counter({
    name: 'sg_scoring_suppliers_processed_total',
    help: 'Suppliers scoring runs went through (scored, or skipped as scored already that date), counted as each batch commits',
    registers: [this.registry],
  });

  private readonly lastRunRate = new Gauge({
    name: 'sg_scoring_last_run_suppliers_per_second',
    help: 'Suppliers processed per second by the last scoring run of this instance that succeeded',
    registers: [this.registry],
  });

  private readonly decisions = new Counter({
    name: 'sg_decisions_total',
    help: 'Decisions appended, by kind, counted once their transaction has committed',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  private readonly webhookDeliveries = new Counter({
    name: 'sg_webhook_deliveries_total',
    help: 'Webhook delivery attempts of one event, by result (delivered: a 2xx; failed: anything else, retried later)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    for (const outcome of ['succeeded', 'failed'] as const) this.scoringRunDuration.zero({ outcome });
    for (const result of ['delivered', 'failed'] as const) this.webhookDeliveries.inc({ result }, 0);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Read first at each scrape, before any collected gauge queries anything. */
  private readonly samplers: Array<() => void> = [];

  /** The text exposition of every metric, sampled and collected gauges read now. */
  metrics(): Promise<string> {
    for (const sample of this.samplers) sample();
    return this.registry.metrics();
  }

  /** Shows every kind at 0 before the first decision of it (so a rate() has a start). */
  declareDecisionKinds(kinds: readonly string[]): void {
    for (const kind of kinds) this.decisions.inc({ kind }, 0);
  }

  decisionsCommitted(kinds: readonly string[]): void {
    for (const kind of kinds) this.decisions.inc({ kind });
  }

  webhookDelivery(result: WebhookDeliveryResult): void {
    this.webhookDeliveries.inc({ result });
  }

  suppliersProcessedInBatch(count: number): void {
    this.suppliersProcessed.inc(count);
  }

  scoringRunEnded(outcome: ScoringRunOutcome, seconds: number, suppliers: number): void {
    this.scoringRunDuration.observe({ outcome }, seconds);
    if (outcome === 'succeeded' && seconds > 0) this.lastRunRate.set(suppliers / seconds);
  }

  /**
   * A gauge read synchronously at the start of each scrape, before the collected gauges' queries
   * (the database pool, whose use those queries would change); `undefined` leaves it unset.
   */
  sampled(config: { name: string; help: string; read: () => number | undefined }): Gauge {
    const gauge = new Gauge({ name: config.name, help: config.help, registers: [this.registry] });
    this.samplers.push(() => {
      const value = config.read();
      if (value === undefined) gauge.reset();
      else gauge.set(value);
    });
    return gauge;
  }

  /**
   * A gauge whose values `read` sets at each scrape (from the database, say). A read that fails is
   * logged and leaves the gauge without values for that scrape rather than failing the scrape.
   */
  collected<L extends string = never>(config: {
    name: string;
    help: string;
    labelNames?: readonly L[];
    read: (gauge: Gauge<L>) => Promise<void> | void;
  }): Gauge<L> {
    const logger = this.logger;
    return new Gauge<L>({
      name: config.name,
      help: config.help,
      labelNames: config.labelNames ?? [],
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          await config.read(this);
        } catch (error) {
          this.reset();
          logger.warn(`Metric ${config.name} not collected: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    });
  }
}
