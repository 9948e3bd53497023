import { Injectable, type OnModuleInit } from '@nestjs/common';

import { MetricsRegistry } from '../common/metrics/metrics-registry.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** sg_outbox_lag_seconds, read from the database at each scrape. */
@Injectable()
export class OutboxLagMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly webhooks: WebhooksRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.collected({
      name: 'sg_outbox_lag_seconds',
      help: 'Age of the oldest outbox event an active webhook subscription has not been delivered yet; 0 when all are up to date',
      read: async (gauge) => gauge.set(await this.webhooks.oldestUndeliveredAgeSeconds()),
    });
  }
}
