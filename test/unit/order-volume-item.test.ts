import { describe, expect, it } from 'vitest';

import { MAX_DAILY_ORDERS, validateOrderVolumeItem } from '../../src/orders/domain/order-volume-item.js';

const today = '2026-12-01';
const check = (raw: unknown) => validateOrderVolumeItem(raw, today);
const errorsOf = (raw: unknown) => {
  const c = check(raw);
  return c.ok ? [] : c.errors;
};

describe('order volume item', () => {
  it('takes a supplier by id or ref, a real day from 2000-01-01 to today, and orders from 0', () => {
    expect(check({ supplierRef: 'HTL-1', day: '2026-12-01', orders: 0 })).toEqual({
      ok: true,
      item: { supplierId: undefined, supplierRef: 'HTL-1', day: '2026-12-01', orders: 0 },
    });
    expect(check({ supplierId: '01937B6E-4A2C-7D10-8E3F-2B9C4D5E6F70', day: '2000-01-01', orders: MAX_DAILY_ORDERS })).toMatchObject({
      ok: true,
      item: { supplierId: '01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f70' },
    });
  });

  it('refuses a day that is not real, before 2000-01-01 or after today, naming the field', () => {
    expect(errorsOf({ supplierRef: 'x', day: '2026-02-30', orders: 1 })).toEqual([{ field: 'day', message: 'February 2026 has 28 days' }]);
    expect(errorsOf({ supplierRef: 'x', day: '1999-12-31', orders: 1 })).toEqual([
      { field: 'day', message: 'must not be before 2000-01-01' },
    ]);
    expect(errorsOf({ supplierRef: 'x', day: '2026-12-02', orders: 1 })).toEqual([
      { field: 'day', message: 'must not be after today (2026-12-01, UTC)' },
    ]);
    expect(errorsOf({ supplierRef: 'x', day: '2026-12-01T00:00:00Z', orders: 1 })).toEqual([
      { field: 'day', message: 'must be a date YYYY-MM-DD' },
    ]);
    expect(errorsOf({ supplierRef: 'x', orders: 1 })).toEqual([{ field: 'day', message: 'is required' }]);
  });

  it('refuses orders that are negative, fractional, too large or not a number', () => {
    for (const orders of [-1, 1.5, MAX_DAILY_ORDERS + 1, '12', true]) {
      expect(errorsOf({ supplierRef: 'x', day: '2026-11-01', orders })).toEqual([
        { field: 'orders', message: `must be an integer from 0 to ${MAX_DAILY_ORDERS}` },
      ]);
    }
    expect(errorsOf({ supplierRef: 'x', day: '2026-11-01' })).toEqual([{ field: 'orders', message: 'is required' }]);
  });

  it('needs exactly one of supplierId and supplierRef, and no unknown field', () => {
    expect(errorsOf({ day: '2026-11-01', orders: 1 })).toEqual([{ field: 'supplierId', message: 'supplierId or supplierRef is required' }]);
    expect(errorsOf({ supplierId: '01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f70', supplierRef: 'x', day: '2026-11-01', orders: 1 })).toEqual([
      { field: 'supplierRef', message: 'give supplierId or supplierRef, not both' },
    ]);
    expect(errorsOf({ supplierId: 'nope', day: '2026-11-01', orders: 1 })).toEqual([{ field: 'supplierId', message: 'must be a UUID' }]);
    expect(errorsOf({ supplierRef: 'x', day: '2026-11-01', orders: 1, count: 2 })).toEqual([
      { field: 'count', message: 'is not a known field' },
    ]);
    expect(errorsOf([1])).toEqual([{ field: '', message: 'must be an object' }]);
  });
});
