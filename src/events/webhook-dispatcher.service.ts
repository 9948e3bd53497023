import { createHmac } from 'node:crypto';

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { MetricsRegistry } from '../common/metrics/metrics-registry.js';
import { JOBS_OPTIONS, type JobsOptions } from '../config/jobs.options.js';
import { LockKey, withTryLock } from '../database/advisory-lock.js';
import { OutboxRepository } from '../decisions/outbox.repository.js';
import { eventFromRow } from './event.mapper.js';
import { WebhookSender } from './webhook-sender.js';
import { type DueWebhook, WebhooksRepository } from './webhooks.repository.js';

const MAX_BACKOFF_MS = 5 * 60 * 1000;

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Retry delay after the n-th failed attempt at an event: 1 s, 2 s, 4 s, … up to 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers outbox events to webhook subscriptions: each subscription strictly in event-id order
 * (so one supplier's events arrive in order), at least once (the cursor moves only after a 2xx),
 * retried with exponential backoff. One instance delivers at a time (advisory lock). The sender
 * refuses internal addresses at each connection and follows no redirect; `lastError` says why.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly sender: WebhookSender,
    private readonly metrics: MetricsRegistry,
    @Inject(JOBS_OPTIONS) private readonly options: JobsOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.enabled) return;
    await this.webhooks.sealLegacySecrets();
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.deliverDue()
        .catch((error: unknown) => this.logger.error(`Webhook delivery failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.running = null));
    }, this.options.webhookPollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass over the subscriptions that are due; returns when done or when this instance is not the dispatcher. */
  async deliverDue(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    await withTryLock(options.url!, LockKey.WebhookDelivery, async () => {
      const hooks = await this.webhooks.due();
      for (const hook of hooks) await this.deliver(hook);
    });
  }

  private async deliver(hook: DueWebhook): Promise<void> {
    const events = await this.outbox.after(hook.cursor, 100);
    let attempts = hook.attempts;
    for (const row of events) {
      const event = eventFromRow(row);
      if (hook.types && !hook.types.includes(event.type)) {
        await this.webhooks.skipTo(hook.id, event.id);
        continue;
      }
      const body = JSON.stringify(event);
      const failure = await this.sender.send(
        hook.url,
        {
          'Content-Type': 'application/json',
          'X-Signature': signature(hook.secret, body),
          'X-Event-Id': String(event.id),
          'X-Event-Type': event.type,
        },
        body,
      );
      this.metrics.webhookDelivery(failure === null ? 'delivered' : 'failed');
      if (failure !== null) {
        attempts++;
        const delay = backoffMs(attempts);
        await this.webhooks.recordFailure(hook.id, attempts, `event ${event.id}: ${failure}`, delay);
        this.logger.warn(`Webhook ${hook.id} failed on event ${event.id} (${failure}); attempt ${attempts}, next in ${delay} ms`);
        return;
      }
      attempts = 0;
      await this.webhooks.recordDelivery(hook.id, event.id);
    }
  }
}
