import { describe, expect, it } from 'vitest';

import { amqpMessageOf, confirmedPrefix, reconnectDelayMs } from '../../../src/events/domain/amqp-message.js';

describe('AMQP messages', () => {
  const event = {
    id: 42,
    type: 'supplier.delisted',
    occurredAt: '2026-11-30T10:15:30.250Z',
    supplierId: '0190b6c2-0000-7000-8000-000000000001',
    category: 'hotel',
    decision: { kind: 'DELIST', reason: 'Below the delist threshold' },
    payload: null,
  };

  it('routes an event by its type, with the feed’s JSON as the body and its id as the message id', () => {
    const m = amqpMessageOf(event);
    expect(m.routingKey).toBe('supplier.delisted');
    expect(JSON.parse(m.content.toString('utf8'))).toEqual(event);
    expect(m.properties).toEqual({
      persistent: true,
      messageId: '42',
      type: 'supplier.delisted',
      contentType: 'application/json',
      contentEncoding: 'utf-8',
      timestamp: 1796033730, // seconds, as AMQP timestamps are
      appId: 'supplier-governance',
      headers: { 'event-id': 42, category: 'hotel', 'supplier-id': event.supplierId, 'occurred-at': event.occurredAt },
    });
  });

  it('moves the cursor past the leading confirmed messages only', () => {
    expect(confirmedPrefix([])).toBe(0);
    expect(confirmedPrefix(['confirmed', 'confirmed'])).toBe(2);
    expect(confirmedPrefix(['confirmed', 'failed', 'confirmed'])).toBe(1);
    expect(confirmedPrefix(['confirmed', 'confirmed', 'pending'])).toBe(2);
    expect(confirmedPrefix(['pending', 'confirmed'])).toBe(0);
  });

  it('backs off reconnections from 0.5 s, doubling, up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 7, 8, 50].map(reconnectDelayMs)).toEqual([0, 500, 1000, 2000, 4000, 30_000, 30_000, 30_000]);
  });
});
