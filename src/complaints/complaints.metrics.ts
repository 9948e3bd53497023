import { Injectable, type OnModuleInit } from '@nestjs/common';

import { MetricsRegistry } from '../common/metrics/metrics-registry.js';
import { ComplaintsRepository } from './complaints.repository.js';

/** sg_complaints_overdue, read from the database at each scrape. */
@Injectable()
export class ComplaintsMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly complaints: ComplaintsRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.collected({
      name: 'sg_complaints_overdue',
      help: 'Complaints overdue now (a response or resolution deadline passed without its step; withdrawn ones aside), by category',
      labelNames: ['category'] as const,
      read: async (gauge) => {
        for (const { category, n } of await this.complaints.countOverdueByCategory(new Date())) gauge.set({ category }, n);
      },
    });
  }
}
