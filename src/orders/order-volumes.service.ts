import { Injectable, Logger } from '@nestjs/common';

import type { FieldError } from '../common/errors/problem.js';
import { todayUtc } from '../common/time/dates.js';
import { SuppliersRepository } from '../suppliers/suppliers.repository.js';
import { MAX_VOLUME_ITEMS, validateOrderVolumeItem, type ValidOrderVolumeItem } from './domain/order-volume-item.js';
import { OrderException, OrderExceptionCode } from './order.exception.js';
import { type DailyOrders, OrderVolumesRepository } from './order-volumes.repository.js';

export interface RejectedVolume {
  index: number;
  errors: FieldError[];
}

export interface VolumeBatchResult {
  stored: number;
  rejected: RejectedVolume[];
}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/**
 * Stores batches of daily order counts. Every item is either stored or reported back with its
 * reasons. The last count sent for a supplier's day stands, within a batch too: of two items for
 * the same supplier and day, the later one is what is stored (both count as stored).
 */
@Injectable()
export class OrderVolumesService {
  private readonly logger = new Logger(OrderVolumesService.name);

  constructor(
    private readonly repository: OrderVolumesRepository,
    private readonly suppliers: SuppliersRepository,
  ) {}

  async store(rawItems: unknown[], today: string = todayUtc()): Promise<VolumeBatchResult> {
    if (rawItems.length > MAX_VOLUME_ITEMS) {
      throw new OrderException(
        OrderExceptionCode.BATCH_TOO_LARGE,
        `A batch holds at most ${MAX_VOLUME_ITEMS} order counts (got ${rawItems.length}); split it`,
        [{ field: 'volumes', message: `must hold at most ${MAX_VOLUME_ITEMS} items` }],
      );
    }
    const rejected: RejectedVolume[] = [];
    const valid: Array<ValidOrderVolumeItem & { index: number }> = [];
    rawItems.forEach((raw, index) => {
      const check = validateOrderVolumeItem(raw, today);
      if (check.ok) valid.push({ ...check.item, index });
      else rejected.push({ index, errors: check.errors });
    });
    const resolved = await this.resolveSuppliers(valid, rejected);
    rejected.sort((a, b) => a.index - b.index);

    // Later items overwrite earlier ones of the same supplier and day (Map keeps the last set).
    const byKey = new Map<string, DailyOrders>();
    for (const v of resolved) byKey.set(`${v.supplierId} ${v.day}`, v);
    const rows = [...byKey.values()].sort((a, b) =>
      a.supplierId === b.supplierId ? (a.day < b.day ? -1 : 1) : a.supplierId < b.supplierId ? -1 : 1,
    );
    for (let attempt = 1; ; attempt++) {
      try {
        await this.repository.upsert(rows);
        return { stored: resolved.length, rejected };
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= 5) throw error;
        this.logger.warn(`Order volume batch hit ${code}; retrying (attempt ${attempt + 1})`);
      }
    }
  }

  private async resolveSuppliers(
    items: Array<ValidOrderVolumeItem & { index: number }>,
    rejected: RejectedVolume[],
  ): Promise<DailyOrders[]> {
    const refs = [...new Set(items.filter((i) => i.supplierRef !== undefined).map((i) => i.supplierRef!))];
    const ids = [...new Set(items.filter((i) => i.supplierId !== undefined).map((i) => i.supplierId!))];
    const byRef = await this.suppliers.idsByRef(refs);
    const knownIds = await this.suppliers.existingIds(ids);
    const resolved: DailyOrders[] = [];
    for (const item of items) {
      const supplierId =
        item.supplierRef !== undefined ? byRef.get(item.supplierRef) : knownIds.has(item.supplierId!) ? item.supplierId : undefined;
      if (supplierId === undefined) {
        rejected.push({
          index: item.index,
          errors: [
            item.supplierRef !== undefined
              ? { field: 'supplierRef', message: 'no supplier has this externalRef' }
              : { field: 'supplierId', message: 'no supplier has this id' },
          ],
        });
      } else resolved.push({ supplierId, day: item.day, orders: item.orders });
    }
    return resolved;
  }
}
