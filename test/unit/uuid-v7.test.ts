import { describe, expect, it } from 'vitest';

import { uuidV7 } from '../../src/common/ids/uuid-v7.js';

describe('uuidV7', () => {
  it('is a version 7, RFC variant UUID carrying the time in its first 48 bits', () => {
    const at = Date.parse('2026-11-25T12:00:00.123Z');
    const id = uuidV7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('ids made at later milliseconds sort later, as text and as PostgreSQL compares uuids', () => {
    const ids = [0, 1, 2, 1000, 86_400_000].map((dt) => uuidV7(Date.parse('2026-01-01T00:00:00Z') + dt));
    expect([...ids].sort()).toEqual(ids);
  });

  it('ids made in the same millisecond differ (2,000 of them, across pool refills)', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 2000 }, () => uuidV7(at)));
    expect(ids.size).toBe(2000);
  });
});
