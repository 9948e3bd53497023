import { hostname } from 'node:os';

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { AMQP_OPTIONS, type AmqpOptions, redactAmqpUrl, redactSecret } from '../config/amqp.options.js';
import { JOBS_OPTIONS, type JobsOptions } from '../config/jobs.options.js';
import { LockKey, withTryLock } from '../database/advisory-lock.js';
import { OutboxRepository } from '../decisions/outbox.repository.js';
import { AmqpLink } from './amqp-link.js';
import { AmqpPublicationsRepository } from './amqp-publications.repository.js';
import { amqpMessageOf, reconnectDelayMs } from './domain/amqp-message.js';
import { eventFromRow } from './event.mapper.js';

/** Events per confirm round: published in order, then every confirm awaited, then the cursor moved. */
const BATCH = 100;
const CONNECT_TIMEOUT_MS = 10_000;
const CONFIRM_TIMEOUT_MS = 30_000;

/** What the publisher knows of itself (this instance's view; the cursor row is the shared one). */
export interface AmqpPublisherStatus {
  enabled: boolean;
  /** The broker URL with its password replaced by `***`. */
  broker: string | null;
  exchange: string;
  connected: boolean;
  /** The last event id the broker confirmed, as this instance last saw it; null before its first pass. */
  lastEventId: number | null;
  lastError: string | null;
  /** Failures since the last confirm; the next attempt waits `reconnectDelayMs(failures)`. */
  failures: number;
}

/**
 * Publishes every outbox event to a RabbitMQ topic exchange (routing key the event type), in id
 * order and at least once: one instance publishes at a time (advisory lock), on a confirm channel,
 * and the cursor row moves only past events the broker confirmed. A lost connection (a broker
 * restart, a forced close, a network cut) is replaced with backoff, and publishing resumes after
 * the last confirmed event, so nothing is lost; events published but not confirmed go out again.
 */
@Injectable()
export class AmqpPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AmqpPublisher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopping = false;
  private link: AmqpLink | null = null;
  private failures = 0;
  private retryAt = 0;
  private lastEventId: number | null = null;
  private lastError: string | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly publications: AmqpPublicationsRepository,
    @Inject(JOBS_OPTIONS) private readonly jobs: JobsOptions,
    @Inject(AMQP_OPTIONS) private readonly options: AmqpOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jobs.enabled || this.options.url === null) return;
    this.logger.log(`Publishing events to ${redactAmqpUrl(this.options.url)}, exchange "${this.options.exchange}"`);
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.publishDue()
        .catch((error: unknown) => this.logger.error(`AMQP publishing failed: ${this.describe(error)}`))
        .finally(() => (this.running = null));
    }, this.options.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.link?.close();
    this.link = null;
  }

  status(): AmqpPublisherStatus {
    return {
      enabled: this.jobs.enabled && this.options.url !== null,
      broker: this.options.url === null ? null : redactAmqpUrl(this.options.url),
      exchange: this.options.exchange,
      connected: this.link !== null && this.link.closed === null,
      lastEventId: this.lastEventId,
      lastError: this.lastError,
      failures: this.failures,
    };
  }

  /**
   * One pass: publishes the events after the cursor, connecting first when needed. Answers how
   * many the broker confirmed; null when another instance is the publisher; 0 while waiting to
   * reconnect.
   */
  async publishDue(): Promise<number | null> {
    const url = this.options.url;
    if (url === null || Date.now() < this.retryAt) return 0;
    const database = (this.dataSource.options as { url?: string }).url!;
    return withTryLock(database, LockKey.AmqpPublication, async () => {
      const exchange = this.options.exchange;
      let cursor = Number((await this.publications.cursor(exchange)).last_event_id);
      this.lastEventId = cursor;
      const link = await this.connected(url, cursor);
      if (link === null) return 0;
      let total = 0;
      while (!this.stopping) {
        const rows = await this.outbox.after(cursor, BATCH);
        if (rows.length === 0) break;
        const messages = rows.map((row) => amqpMessageOf(eventFromRow(row)));
        const outcome = await link.publish(messages, CONFIRM_TIMEOUT_MS);
        if (outcome.confirmed > 0) {
          cursor = messages[outcome.confirmed - 1].eventId;
          await this.publications.advance(exchange, cursor, outcome.confirmed);
          this.lastEventId = cursor;
          this.lastError = null;
          this.failures = 0;
          total += outcome.confirmed;
        }
        if (outcome.error !== null) {
          await this.failed(`publishing ${outcome.error}`);
          break;
        }
        if (rows.length < BATCH) break;
      }
      return total;
    });
  }

  /** The open link, or a new one; null when the connection failed (retried after a backoff). */
  private async connected(url: string, cursor: number): Promise<AmqpLink | null> {
    if (this.link !== null && this.link.closed === null) return this.link;
    if (this.link !== null) {
      const reason = this.link.closed!;
      this.link = null;
      await this.failed(`connection lost: ${reason}`);
      if (Date.now() < this.retryAt) return null;
    }
    const name = `supplier-governance ${hostname()}:${process.pid} -> ${this.options.exchange}`;
    try {
      this.link = await AmqpLink.open(url, this.options.exchange, name, CONNECT_TIMEOUT_MS);
    } catch (error) {
      await this.failed(`connecting: ${this.describe(error)}`);
      return null;
    }
    // (Failures are counted on until a confirm: a broker that closes every connection it accepts is retried ever slower.)
    this.retryAt = 0;
    this.logger.log(`Connected to ${redactAmqpUrl(url)}; publishing after event ${cursor}`);
    return this.link;
  }

  private async failed(reason: string): Promise<void> {
    const error = redactSecret(reason, this.options.url ?? '');
    this.failures++;
    const delay = reconnectDelayMs(this.failures);
    this.retryAt = Date.now() + delay;
    this.lastError = error;
    if (this.link?.closed) this.link = null;
    this.logger.warn(`AMQP ${error}; failure ${this.failures} in a row, next attempt in ${delay} ms`);
    await this.publications.recordError(this.options.exchange, error).catch(() => undefined);
  }

  private describe(error: unknown): string {
    return redactSecret(error instanceof Error ? error.message : String(error), this.options.url ?? '');
  }
}
