import type { EntityManager } from 'typeorm';
import { eventTypeOf } from '../events/domain/event-types.js';
import { decisionToResponse } from './decision.mapper.js';
import type { Decision } from './domain/decision.js';

/** Any fixed number: serialises outbox writers so event ids increase in commit order. */
const OUTBOX_LOCK_KEY = 72_001_003;

/**
 * Writes the events of status-changing decisions into the outbox, in the decisions' transaction.
 * The transaction-scoped lock is taken just before the insert and held to commit, so an event id
 * is never committed after a larger one: a consumer reading `after=<id>` misses nothing.
 */
export async function recordDecisionEvents(manager: EntityManager, decisions: Decision[]): Promise<void> {
  const events = decisions.map((d) => ({ decision: d, type: eventTypeOf(d) })).filter((e) => e.type !== null);
  if (events.length === 0) return;
  await manager.query('SELECT pg_advisory_xact_lock($1)', [OUTBOX_LOCK_KEY]);
  await manager.query(
    `INSERT INTO events (type, supplier_id, category, decision_id, payload)
     SELECT x.e->>'type', s.id, s.category, (x.e->>'decision_id')::uuid, x.e->'payload'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, ord)
       JOIN suppliers s ON s.id = (x.e->>'supplier_id')::uuid
      ORDER BY x.ord`,
    [JSON.stringify(events.map((e) => ({ type: e.type, supplier_id: e.decision.supplierId, decision_id: e.decision.id, payload: decisionToResponse(e.decision) })))],
  );
}
