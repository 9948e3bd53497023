import type { EntityManager } from 'typeorm';

import { lockForTransaction, LockKey } from '../database/advisory-lock.js';
import { sqlList } from '../database/sql-list.js';
import type { AppendedDecision } from './domain/decision.js';
import { eventTypeOf } from './domain/event-types.js';

/**
 * Writes the events of status-changing decisions into the outbox, in the decisions' transaction.
 * An event row names its decision; readers take the payload from the decision itself (decisions
 * are never updated), so a run's tens of thousands of decisions are not written twice.
 * The transaction-scoped lock is taken just before the insert and held to commit, so an event id
 * is never committed after a larger one: a consumer reading `after=<id>` misses nothing.
 */
export async function recordDecisionEvents(manager: EntityManager, decisions: AppendedDecision[]): Promise<void> {
  const events = decisions.map((d) => ({ decision: d, type: eventTypeOf(d) })).filter((e) => e.type !== null);
  if (events.length === 0) return;
  await lockForTransaction(manager, LockKey.Outbox);
  await manager.query(
    `INSERT INTO events (type, supplier_id, category, decision_id)
     SELECT x.type, s.id, s.category, x.decision_id
       FROM unnest(string_to_array($1, ',')::text[], string_to_array($2, ',')::uuid[], string_to_array($3, ',')::uuid[])
            WITH ORDINALITY AS x(type, supplier_id, decision_id, ord)
       JOIN suppliers s ON s.id = x.supplier_id
      ORDER BY x.ord`,
    [sqlList(events.map((e) => e.type)), sqlList(events.map((e) => e.decision.supplierId)), sqlList(events.map((e) => e.decision.id))],
  );
}
