import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';

import { MetricsRegistry } from '../common/metrics/metrics-registry.js';

/** The database pool's use, read from the pool behind TypeORM (its postgres driver's `master`) at each scrape. */
@Injectable()
export class DatabasePoolMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const read = (value: (pool: Pool) => number | undefined) => () => {
      const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
      return pool ? value(pool) : undefined;
    };
    this.metrics.sampled({
      name: 'sg_db_pool_connections',
      help: 'Connections the database pool holds (busy and idle)',
      read: read((p) => p.totalCount),
    });
    this.metrics.sampled({
      name: 'sg_db_pool_idle_connections',
      help: 'Idle connections of the database pool',
      read: read((p) => p.idleCount),
    });
    this.metrics.sampled({
      name: 'sg_db_pool_waiting_requests',
      help: 'Queries waiting for a connection of the database pool (it is exhausted while above 0)',
      read: read((p) => p.waitingCount),
    });
    this.metrics.sampled({
      name: 'sg_db_pool_max_connections',
      help: 'The most connections the database pool may open',
      read: read((p) => (p as unknown as { options?: { max?: number } }).options?.max),
    });
  }
}
