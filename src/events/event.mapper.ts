import { decisionFromRow, decisionToResponse } from '../decisions/decision.mapper.js';
import type { EventRow } from '../decisions/outbox.repository.js';
import type { EventDto, WebhookDto } from './dto/events.dto.js';
import type { WebhookRow } from './webhooks.repository.js';

export function eventFromRow(r: EventRow): EventDto {
  return {
    id: Number(r.id),
    type: r.type,
    occurredAt: r.occurred_at.toISOString(),
    supplierId: r.supplier_id,
    category: r.category,
    decision:
      r.decision_id === null
        ? null
        : decisionToResponse(decisionFromRow({ ...r, id: r.decision_id, seq: r.decision_seq, created_at: r.decided_at })),
    payload: r.decision_id === null ? r.payload : null,
  };
}

export function webhookFromRow(r: WebhookRow): WebhookDto {
  return {
    id: r.id,
    url: r.url,
    types: r.types,
    createdAt: r.created_at.toISOString(),
    delivered: Number(r.delivered),
    cursor: Number(r.cursor),
    attempts: r.attempts,
    lastError: r.last_error,
  };
}
