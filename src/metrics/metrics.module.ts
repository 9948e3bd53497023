import { Module } from '@nestjs/common';

import { DatabasePoolMetrics } from './database-pool.metrics.js';
import { MetricsController } from './metrics.controller.js';

/**
 * GET /metrics and the collectors only the composition layer can read (the database pool). The
 * registry itself is common/metrics (one per app instance); modules record into it directly.
 */
@Module({
  controllers: [MetricsController],
  providers: [DatabasePoolMetrics],
})
export class MetricsModule {}
