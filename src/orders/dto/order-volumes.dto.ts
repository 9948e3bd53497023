import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { EXAMPLE } from '../../common/http/examples.js';
import { FieldErrorDto } from '../../common/http/problem.dto.js';
import { validationFailed } from '../../common/http/validation.js';
import { MAX_DAILY_ORDERS, MAX_VOLUME_ITEMS } from '../domain/order-volume-item.js';

/** One supplier's order count for one UTC day. Items are checked one by one (`domain/order-volume-item.ts`). */
export class OrderVolumeItemDto {
  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE.supplierId, description: 'The supplier, by id (or give supplierRef, not both)' })
  supplierId?: string;

  @ApiPropertyOptional({ example: 'HTL-000123', maxLength: 128, description: 'The supplier, by its externalRef (or give supplierId)' })
  supplierRef?: string;

  @ApiProperty({ format: 'date', example: '2026-11-20', description: 'UTC day, YYYY-MM-DD, from 2000-01-01 to today' })
  day: string;

  @ApiProperty({
    example: 42,
    minimum: 0,
    maximum: MAX_DAILY_ORDERS,
    description: `Orders that day: an integer from 0 to ${MAX_DAILY_ORDERS}`,
  })
  orders: number;
}

export class OrderVolumeBatchDto {
  @ApiProperty({
    type: [OrderVolumeItemDto],
    maxItems: MAX_VOLUME_ITEMS,
    description: `At most ${MAX_VOLUME_ITEMS} items (413 beyond). The last count sent for a supplier's day stands; of two items for the same supplier and day in one batch the later one is stored.`,
    example: [
      { supplierRef: 'HTL-000123', day: '2026-11-20', orders: 42 },
      { supplierRef: 'HTL-000123', day: '2026-11-21', orders: 38 },
    ],
  })
  volumes: unknown[];
}

/** The batch's items, or a 400 naming what is wrong with the body's shape (no body is a batch without `volumes`). */
export function orderVolumeItems(body: object | undefined = {}): unknown[] {
  const fields = Object.keys(body)
    .filter((key) => key !== 'volumes')
    .map((field) => ({ field, message: 'is not a known field' }));
  const volumes = (body as { volumes?: unknown }).volumes;
  if (!Array.isArray(volumes)) fields.unshift({ field: 'volumes', message: volumes === undefined ? 'is required' : 'must be an array' });
  if (fields.length > 0) throw validationFailed(fields);
  return volumes as unknown[];
}

export class RejectedVolumeDto {
  @ApiProperty({ example: 3, description: 'Position of the item in the batch' }) index: number;
  @ApiProperty({ type: [FieldErrorDto] }) errors: FieldErrorDto[];
}

export class OrderVolumeBatchResultDto {
  @ApiProperty({ example: 4998, description: 'Items stored (an earlier item for the same supplier and day is replaced by the later one)' })
  stored: number;
  @ApiProperty({ type: [RejectedVolumeDto] }) rejected: RejectedVolumeDto[];
}
