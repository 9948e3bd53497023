import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { opaqueIdList, sqlList } from '../database/sql-list.js';
/** Reviews and positives of one supplier over a span of days (scoring's `WindowCounts`). */
export interface ReviewCounts {
  n: number;
  positives: number;
}

/**
 * Window counts read from the daily roll-ups (never from the reviews themselves): the review
 * signal scoring reads through its `ReviewSignal` port (scoring.module.ts binds the two).
 */
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
  ): Promise<Map<string, Map<number, ReviewCounts>>> {
    const result = new Map<string, Map<number, ReviewCounts>>();
    for (const id of supplierIds) result.set(id, new Map(windows.map((d) => [d, { n: 0, positives: 0 }])));
    if (supplierIds.length === 0 || windows.length === 0) return result;
    const longest = Math.max(...windows);
    // One pass over each supplier's roll-up rows, one FILTER pair per shorter window (integers from
    // a validated policy, passed as parameters); the longest window is the WHERE clause's range.
    const shorter = windows.filter((days) => days !== longest);
    const columns = windows
      .map((days, i) => {
        if (days === longest) return `SUM(n)::int AS n${i}, COALESCE(SUM(n) FILTER (WHERE rating >= $2), 0)::int AS p${i}`;
        const from = `$3::date - $${shorter.indexOf(days) + 5}::int`;
        return `COALESCE(SUM(n) FILTER (WHERE day >= ${from}), 0)::int AS n${i},
              COALESCE(SUM(n) FILTER (WHERE day >= ${from} AND rating >= $2), 0)::int AS p${i}`;
      })
      .join(',\n              ');
    const rows = (await manager.query(
      `SELECT supplier_id, ${columns}
         FROM review_daily_rollups
        WHERE supplier_id = ANY(${opaqueIdList(1)}) AND day >= $3::date - $4::int AND day < $3::date
        GROUP BY supplier_id`,
      [sqlList(supplierIds), positiveMinRating, asOf, longest, ...shorter],
    )) as Array<Record<string, number> & { supplier_id: string }>;
    for (const row of rows) {
      const counts = result.get(row.supplier_id)!;
      windows.forEach((days, i) => counts.set(days, { n: row[`n${i}`], positives: row[`p${i}`] }));
    }
    return result;
  }

  /**
   * Reviews and positives per supplier with reviewedAt in [asOf − fromDays, asOf − toDays): the
   * days a window of `fromDays` adds to one of `toDays` (toDays 0: the whole window). Suppliers
   * without reviews there are left out.
   */
  async countRange(
    supplierIds: string[],
    asOf: string,
    fromDays: number,
    toDays: number,
    positiveMinRating: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ReviewCounts>> {
    if (supplierIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT supplier_id, SUM(n)::int AS n, COALESCE(SUM(n) FILTER (WHERE rating >= $2), 0)::int AS p
         FROM review_daily_rollups
        WHERE supplier_id = ANY(${opaqueIdList(1)}) AND day >= $3::date - $4::int AND day < $3::date - $5::int
        GROUP BY supplier_id`,
      [sqlList(supplierIds), positiveMinRating, asOf, fromDays, toDays],
    )) as Array<{ supplier_id: string; n: number; p: number }>;
    return new Map(rows.map((r) => [r.supplier_id, { n: r.n, positives: r.p }]));
  }
}
