import type { FieldError } from '../../common/errors/problem.js';
import { asOfRangeRefusal, noSuchDateReason } from '../../common/time/dates.js';
import { readSupplierReference } from '../../suppliers/domain/supplier-reference.js';

/**
 * One daily order count of a batch, checked field by field (PRODUCT.md, Orders: the booking
 * system sends each supplier's daily order count; the last count sent for a day stands). Plain
 * TypeScript, no I/O: the endpoint runs every item through `validateOrderVolumeItem`.
 */
export const MAX_VOLUME_ITEMS = 5000;
/** A day's orders for one supplier: far above any real supplier, far below the column's integer range. */
export const MAX_DAILY_ORDERS = 1_000_000;

const KNOWN_FIELDS = new Set(['supplierId', 'supplierRef', 'day', 'orders']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f]/;

export interface ValidOrderVolumeItem {
  supplierId?: string;
  supplierRef?: string;
  /** A UTC day, YYYY-MM-DD, between 2000-01-01 and today. */
  day: string;
  orders: number;
}

export type VolumeCheck = { ok: true; item: ValidOrderVolumeItem } | { ok: false; errors: FieldError[] };

/** The item as stored, or every reason it cannot be; `today` is the UTC date the batch arrived. */
export function validateOrderVolumeItem(raw: unknown, today: string): VolumeCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, errors: [{ field: '', message: 'must be an object' }] };
  const r = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(r)) if (!KNOWN_FIELDS.has(key)) errors.push({ field: key, message: 'is not a known field' });

  const { supplierId, supplierRef } = readSupplierReference(r, errors, CONTROL);

  let day: string | undefined;
  if (r.day === undefined || r.day === null || r.day === '') errors.push({ field: 'day', message: 'is required' });
  else if (typeof r.day !== 'string' || !DAY.test(r.day)) errors.push({ field: 'day', message: 'must be a date YYYY-MM-DD' });
  else {
    const refusal = noSuchDateReason(r.day) ?? asOfRangeRefusal(r.day, today);
    if (refusal) errors.push({ field: 'day', message: refusal });
    else day = r.day;
  }

  const orders = r.orders;
  if (orders === undefined || orders === null) errors.push({ field: 'orders', message: 'is required' });
  else if (typeof orders !== 'number' || !Number.isInteger(orders) || orders < 0 || orders > MAX_DAILY_ORDERS) {
    errors.push({ field: 'orders', message: `must be an integer from 0 to ${MAX_DAILY_ORDERS}` });
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, item: { supplierId, supplierRef, day: day!, orders: orders as number } };
}
