/** What a published message is made of: the event as the feed and webhooks carry it. */
export interface PublishableEvent {
  id: number;
  type: string;
  occurredAt: string;
  supplierId: string;
  category: string;
}

/** A message for a topic exchange: routing key, body and AMQP properties. */
export interface AmqpMessage {
  eventId: number;
  routingKey: string;
  content: Buffer;
  properties: {
    persistent: true;
    messageId: string;
    type: string;
    contentType: 'application/json';
    contentEncoding: 'utf-8';
    /** Seconds since the epoch (AMQP's timestamp), the event's `occurredAt`. */
    timestamp: number;
    appId: string;
    headers: Record<string, string | number>;
  };
}

export const AMQP_APP_ID = 'supplier-governance';

/**
 * The message of one event: routing key the event type (bind `supplier.*`, `complaint.#`, …), the
 * body exactly the JSON of the event feed and webhooks, persistent, message id the event id (a
 * consumer de-duplicates on it: delivery is at least once).
 */
export function amqpMessageOf(event: PublishableEvent): AmqpMessage {
  return {
    eventId: event.id,
    routingKey: event.type,
    content: Buffer.from(JSON.stringify(event), 'utf8'),
    properties: {
      persistent: true,
      messageId: String(event.id),
      type: event.type,
      contentType: 'application/json',
      contentEncoding: 'utf-8',
      timestamp: Math.floor(Date.parse(event.occurredAt) / 1000),
      appId: AMQP_APP_ID,
      headers: { 'event-id': event.id, category: event.category, 'supplier-id': event.supplierId, 'occurred-at': event.occurredAt },
    },
  };
}

/**
 * How many of a batch, from the first, are confirmed: the cursor may move past those only. A
 * message after an unconfirmed one is published again later, even if it was confirmed itself.
 */
export function confirmedPrefix(outcomes: ReadonlyArray<'confirmed' | 'failed' | 'pending'>): number {
  const first = outcomes.findIndex((o) => o !== 'confirmed');
  return first === -1 ? outcomes.length : first;
}

/** Reconnection delay after the n-th failure in a row: 0.5 s, 1 s, 2 s, … up to 30 s. */
export function reconnectDelayMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(30_000, 500 * 2 ** (failures - 1));
}
