import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { sqlList } from '../database/sql-list.js';

export interface DailyOrders {
  supplierId: string;
  day: string;
  orders: number;
}

/** The one writer of `order_volumes`: each supplier's order count per UTC day. */
@Injectable()
export class OrderVolumesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores the counts in one statement: a day already stored takes the new count (the last count
   * sent stands). The caller gives each (supplier, day) once, sorted, so concurrent batches lock
   * shared rows in the same order.
   */
  async upsert(volumes: DailyOrders[]): Promise<void> {
    if (volumes.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO order_volumes (supplier_id, day, orders)
       SELECT x.supplier_id, x.day, x.orders
         FROM unnest(string_to_array($1, ',')::uuid[], string_to_array($2, ',')::date[], string_to_array($3, ',')::int[])
              AS x(supplier_id, day, orders)
       ON CONFLICT (supplier_id, day) DO UPDATE SET orders = EXCLUDED.orders, updated_at = now()`,
      [sqlList(volumes.map((v) => v.supplierId)), sqlList(volumes.map((v) => v.day)), sqlList(volumes.map((v) => v.orders))],
    );
  }
}
