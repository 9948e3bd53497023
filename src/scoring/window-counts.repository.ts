import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { WindowCounts } from './domain/evaluation.js';

/** Window counts read from the daily roll-ups (never from the reviews themselves). */
@Injectable()
export class WindowCountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * For each supplier and window length: reviews and positives (rating >= positiveMinRating) with
   * reviewedAt in [asOf − days, asOf). Suppliers without reviews get zeros.
   */
  async countWindows(
    supplierIds: string[],
    asOf: string,
    windows: number[],
    positiveMinRating: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, Map<number, WindowCounts>>> {
    const result = new Map<string, Map<number, WindowCounts>>();
    for (const id of supplierIds) result.set(id, new Map(windows.map((d) => [d, { n: 0, positives: 0 }])));
    if (supplierIds.length === 0 || windows.length === 0) return result;
    const longest = Math.max(...windows);
    const rows = (await manager.query(
      `SELECT r.supplier_id, w.days,
              SUM(r.n)::int AS n,
              COALESCE(SUM(r.n) FILTER (WHERE r.rating >= $4), 0)::int AS positives
         FROM review_daily_rollups r
         JOIN unnest($2::int[]) AS w(days) ON r.day >= $3::date - w.days
        WHERE r.supplier_id = ANY($1::uuid[])
          AND r.day >= $3::date - $5::int AND r.day < $3::date
        GROUP BY r.supplier_id, w.days`,
      [supplierIds, windows, asOf, positiveMinRating, longest],
    )) as Array<{ supplier_id: string; days: number; n: number; positives: number }>;
    for (const row of rows) result.get(row.supplier_id)!.set(row.days, { n: row.n, positives: row.positives });
    return result;
  }
}
