import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { addDays } from '../common/time/dates.js';
import { opaqueIdList, sqlList } from '../database/sql-list.js';

/** A supplier's complaint-rate counts over a window (scoring's `ComplaintCounts` has this shape). */
export interface ComplaintRateCounts {
  orders: number;
  supplierFault: number;
}

/**
 * The complaint signal's reader (scoring's `ComplaintSignal` port): for a batch of suppliers, the
 * orders (the orders module's `order_volumes`, read only) and the supplier-fault complaints of a
 * window. One statement per batch, two grouped reads joined on the supplier: the orders by the
 * primary key (supplier, day), the complaints by the partial index of supplier-fault complaints
 * (supplier, opened_at) INCLUDE (resolved_at), an index-only scan.
 */
@Injectable()
export class ComplaintRateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Orders on days in [asOf − days, asOf); complaints with openedAt in [asOf − days, asOf) at
   * 00:00 UTC, resolved with fault SUPPLIER before asOf. Every supplier asked for is in the
   * answer, with zeros when it has neither.
   */
  async countComplaints(
    supplierIds: string[],
    asOf: string,
    days: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ComplaintRateCounts>> {
    const result = new Map<string, ComplaintRateCounts>(supplierIds.map((id) => [id, { orders: 0, supplierFault: 0 }]));
    if (supplierIds.length === 0) return result;
    const from = addDays(asOf, -days);
    const rows = (await manager.query(
      `WITH o AS (SELECT v.supplier_id, sum(v.orders)::bigint AS orders
                    FROM order_volumes v
                   WHERE v.supplier_id = ANY(${opaqueIdList(1)}) AND v.day >= $2::date AND v.day < $3::date
                   GROUP BY v.supplier_id),
            c AS (SELECT c.supplier_id, count(*)::int AS supplier_fault
                    FROM complaints c
                   WHERE c.supplier_id = ANY(${opaqueIdList(1)}) AND c.fault = 'SUPPLIER'
                     AND c.opened_at >= $4::timestamptz AND c.opened_at < $5::timestamptz AND c.resolved_at < $5::timestamptz
                   GROUP BY c.supplier_id)
       SELECT COALESCE(o.supplier_id, c.supplier_id) AS supplier_id, COALESCE(o.orders, 0) AS orders, COALESCE(c.supplier_fault, 0) AS supplier_fault
         FROM o FULL JOIN c ON c.supplier_id = o.supplier_id`,
      [sqlList(supplierIds), from, asOf, `${from}T00:00:00Z`, `${asOf}T00:00:00Z`],
    )) as Array<{ supplier_id: string; orders: string; supplier_fault: number }>;
    for (const r of rows) result.set(r.supplier_id, { orders: Number(r.orders), supplierFault: r.supplier_fault });
    return result;
  }
}
