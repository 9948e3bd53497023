import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { SupplierStatus, Tier } from './domain/supplier-lifecycle.js';

/** How many suppliers of a category hold each (status, tier) pair; pairs with none are absent. */
export interface StandingCount {
  status: SupplierStatus;
  tier: Tier | null;
  n: number;
}

/** Counts over a category's suppliers, for the category overview (issue 19); reads only. */
@Injectable()
export class SupplierCountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The category's suppliers counted by status and stored tier, one grouped read. */
  async byStanding(category: string): Promise<StandingCount[]> {
    return (await this.dataSource.query(
      `SELECT status, tier, count(*)::int AS n FROM suppliers WHERE category = $1 GROUP BY status, tier ORDER BY status, tier`,
      [category],
    )) as StandingCount[];
  }

  /** How many of the category's suppliers on probation see it end before `before` (YYYY-MM-DD). */
  async probationsEndingBefore(category: string, before: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM suppliers WHERE category = $1 AND status = 'PROBATION' AND probation_ends_at < $2::date`,
      [category, before],
    )) as Array<{ n: number }>;
    return row.n;
  }
}
