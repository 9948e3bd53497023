import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { opaqueIdList, sqlList } from '../../database/sql-list.js';
import type { AspectWindows, DriverCounts } from './domain/aspect-reports.js';

/**
 * SQL: the NEGATIVE tags of reviews rated below `bar` (an SQL integer) in a roll-up's counts of one
 * aspect, `[mentions, negative at rating 1..5]` (migration CompactAspectRollups); a bar of 6 is all.
 */
function negativeBelow(counts: string, bar: string): string {
  return [1, 2, 3, 4, 5].map((rating) => `CASE WHEN ${rating} < ${bar} THEN (${counts}->>${rating})::int ELSE 0 END`).join(' + ');
}

/**
 * The reads behind the aspect reports and the CRITICAL_ASPECT audit reason. Roll-ups only, never
 * `reviews`: `review_aspect_daily_rollups` (voice; one row per supplier and day, excluded reviews
 * left out) for what the reviews say, `review_daily_rollups` (reviews; excluded reviews left out) for how many
 * negative reviews a category had. Days are the reviews' UTC days; a window of `days` as of
 * `asOf` is `[asOf − days, asOf)`. Reads only: the tagger's repository writes these tables.
 *
 * Plans, EXPLAIN ANALYZE on PostgreSQL 15 (bench:tagger's data: 400,000 tagged reviews of 20,000
 * hotels over 700 days, 376,495 aspect roll-up rows of (supplier, day), a machine shared with
 * other work, load 13): each aspect read is one Bitmap Index Scan per supplier on
 * review_aspect_daily_rollups_pkey (supplier_id, day range), then `jsonb_each` of each row's counts.
 * - `supplierWindows`: 0.2–0.3 ms (90 and 365 days).
 * - `negativeReviews`: Nested Loop over suppliers_category_idx, each supplier a Bitmap Index Scan
 *   on review_daily_rollups_pkey (supplier_id, day range, rating). A plain join let the planner
 *   pick a parallel Seq Scan of review_daily_rollups (the category was a quarter of it): median
 *   25 ms against 10.5 ms at 90 days over 2,000 suppliers. The LATERAL keeps each supplier's read
 *   on the key, whatever the category's share.
 * - `driverCounts`: the same nested loop on the aspect roll-ups' key, then the window functions
 *   over the per-supplier counts: 0.7–1.8 s for the 20,000 hotels at 90 days, 2.2–2.9 s at 365
 *   (the (supplier, day, aspect, polarity, rating) roll-ups, with the polarity and rating in the
 *   index condition, took 0.2–0.4 s at 90 days over as many rows, a quarter as many reviews).
 * - `criticalNegatives` (1,000 suppliers a batch, the ids hidden from the planner as the signal
 *   reads do): Bitmap Index Scan on the key.
 */
@Injectable()
export class AspectReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Per aspect key, a supplier's tags in `[asOf − days, asOf)` and in the `days` before that. */
  async supplierWindows(supplierId: string, asOf: string, days: number): Promise<Map<string, AspectWindows>> {
    const rows = (await this.dataSource.query(
      `SELECT e.key AS aspect_key,
              COALESCE(SUM((e.value->>0)::int) FILTER (WHERE r.day >= $2::date - $3::int), 0)::int AS mentions,
              COALESCE(SUM(${negativeBelow('e.value', '6')}) FILTER (WHERE r.day >= $2::date - $3::int), 0)::int AS negative,
              COALESCE(SUM((e.value->>0)::int) FILTER (WHERE r.day < $2::date - $3::int), 0)::int AS previous_mentions,
              COALESCE(SUM(${negativeBelow('e.value', '6')}) FILTER (WHERE r.day < $2::date - $3::int), 0)::int AS previous_negative
         FROM review_aspect_daily_rollups r, jsonb_each(r.counts) e
        WHERE r.supplier_id = $1 AND r.day >= $2::date - 2 * $3::int AND r.day < $2::date
        GROUP BY e.key`,
      [supplierId, asOf, days],
    )) as Array<{ aspect_key: string; mentions: number; negative: number; previous_mentions: number; previous_negative: number }>;
    return new Map(
      rows.map((r) => [
        r.aspect_key,
        {
          current: { mentions: r.mentions, negative: r.negative },
          previous: { mentions: r.previous_mentions, negative: r.previous_negative },
        },
      ]),
    );
  }

  /** Reviews of the category's suppliers rated below `positiveMinRating` in `[asOf − days, asOf)`, excluded ones left out. */
  async negativeReviews(category: string, asOf: string, days: number, positiveMinRating: number): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT COALESCE(SUM(x.n), 0)::int AS n
         FROM suppliers s
         CROSS JOIN LATERAL (
           SELECT SUM(r.n) AS n
             FROM review_daily_rollups r
            WHERE r.supplier_id = s.id AND r.day >= $2::date - $3::int AND r.day < $2::date AND r.rating < $4
         ) x
        WHERE s.category = $1`,
      [category, asOf, days, positiveMinRating],
    )) as Array<{ n: number }>;
    return rows[0].n;
  }

  /**
   * Per aspect key: NEGATIVE tags in reviews of the category rated below `positiveMinRating` in
   * `[asOf − days, asOf)`, and the `top` suppliers with most of them (most first, ties by id), named.
   */
  async driverCounts(
    category: string,
    asOf: string,
    days: number,
    positiveMinRating: number,
    top: number,
  ): Promise<Map<string, DriverCounts>> {
    const rows = (await this.dataSource.query(
      `WITH per_supplier AS (
         SELECT x.aspect_key, s.id AS supplier_id, s.name, x.count
           FROM suppliers s
           CROSS JOIN LATERAL (
             SELECT e.key AS aspect_key, SUM(${negativeBelow('e.value', '$4')})::int AS count
               FROM review_aspect_daily_rollups a, jsonb_each(a.counts) e
              WHERE a.supplier_id = s.id AND a.day >= $2::date - $3::int AND a.day < $2::date
              GROUP BY e.key
             HAVING SUM(${negativeBelow('e.value', '$4')}) > 0
           ) x
          WHERE s.category = $1
       ), ranked AS (
         SELECT aspect_key, supplier_id, name, count,
                SUM(count) OVER (PARTITION BY aspect_key)::int AS total,
                row_number() OVER (PARTITION BY aspect_key ORDER BY count DESC, supplier_id) AS place
           FROM per_supplier
       )
       SELECT aspect_key, total, supplier_id, count, name
         FROM ranked
        WHERE place <= $5
        ORDER BY aspect_key, place`,
      [category, asOf, days, positiveMinRating, top],
    )) as Array<{ aspect_key: string; total: number; supplier_id: string; count: number; name: string }>;
    const result = new Map<string, DriverCounts>();
    for (const r of rows) {
      const entry = result.get(r.aspect_key) ?? { count: r.total, topSuppliers: [] };
      entry.topSuppliers.push({ supplierId: r.supplier_id, name: r.name, count: r.count });
      result.set(r.aspect_key, entry);
    }
    return result;
  }

  /** Per supplier of the batch with any: NEGATIVE tags of each of `keys` in `[asOf − days, asOf)`, whatever the rating. */
  async criticalNegatives(supplierIds: string[], asOf: string, days: number, keys: string[]): Promise<Map<string, Map<string, number>>> {
    const result = new Map<string, Map<string, number>>();
    if (supplierIds.length === 0 || keys.length === 0) return result;
    const rows = (await this.dataSource.query(
      `SELECT r.supplier_id, e.key AS aspect_key, SUM(${negativeBelow('e.value', '6')})::int AS n
         FROM review_aspect_daily_rollups r, jsonb_each(r.counts) e
        WHERE r.supplier_id = ANY(${opaqueIdList(1)}) AND r.day >= $2::date - $3::int AND r.day < $2::date
          AND e.key = ANY(string_to_array($4, ','))
        GROUP BY r.supplier_id, e.key
       HAVING SUM(${negativeBelow('e.value', '6')}) > 0`,
      [sqlList(supplierIds), asOf, days, sqlList(keys)],
    )) as Array<{ supplier_id: string; aspect_key: string; n: number }>;
    for (const r of rows) {
      const bySupplier = result.get(r.supplier_id) ?? new Map<string, number>();
      bySupplier.set(r.aspect_key, r.n);
      result.set(r.supplier_id, bySupplier);
    }
    return result;
  }
}
