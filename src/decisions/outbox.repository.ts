import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

import { lockForTransaction, LockKey, transactionLockSource } from '../database/advisory-lock.js';
import { sqlList } from '../database/sql-list.js';
import type { DecisionRow } from './decision.mapper.js';
import { REFERENCED_EVIDENCE_COLUMNS, referencedEvidenceJoins } from './decision-evidence.js';
import type { AppendedDecision } from './domain/decision.js';
import { type DecisionEventType, type EventType, eventTypeOf } from './domain/event-types.js';

/**
 * An event with its decision's columns (the decision's own id, seq and time under other names), or,
 * for an event that is not a decision's (`decision_id` null, the decision columns null too), its
 * payload.
 */
export interface EventRow extends Omit<DecisionRow, 'id' | 'seq' | 'created_at'> {
  id: string;
  type: EventType;
  occurred_at: Date;
  category: string;
  decision_id: string | null;
  decision_seq: string;
  decided_at: Date;
  payload: Record<string, unknown> | null;
}

/** An event that is not a decision's: a complaint's deadline or resolution, a recovery charge. */
export interface OutboxEvent {
  type: Exclude<EventType, DecisionEventType>;
  supplierId: string;
  /** What consumers read; supplier-facing, so never a customer's name or words (an order reference at most). */
  payload: Record<string, unknown>;
  /** When given, unique: an event whose key was already recorded is not recorded again. */
  dedupeKey?: string | null;
}

/** Events with their decision, which is a decision event's payload (decisions are never updated), or their own payload. */
const EVENTS_SELECT = `
  SELECT e.id, e.type, e.occurred_at, e.supplier_id, e.category, e.decision_id, e.payload,
         d.seq AS decision_seq, d.run_id, d.kind, d.from_status, d.to_status,
         to_char(d.as_of, 'YYYY-MM-DD') AS as_of, d.policy_version, d.evidence, d.reason, d.next_step, d.actor, d.created_at AS decided_at,
         ${REFERENCED_EVIDENCE_COLUMNS}
    FROM events e LEFT JOIN decisions d ON d.id = e.decision_id
         ${referencedEvidenceJoins('d', 'e.category')}`;

/** The one writer of `events`, the outbox: written in the decisions' transaction, read by the events module. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes the events of status-changing decisions, in the decisions' transaction. An event row
   * names its decision; readers take the payload from the decision itself (decisions are never
   * updated), so a run's tens of thousands of decisions are not written twice. The
   * transaction-scoped lock is held from the insert to commit, so an event id is never committed
   * after a larger one: a consumer reading `after=<id>` misses nothing. The insert takes it itself
   * (`outboxLockSource`), so a writer holds it for one statement and the commit, not for a round
   * trip more: a scoring run's batches queue on it (bench/README.md). The less a transaction does after its
   * events, the shorter it holds the lock.
   */
  async record(manager: EntityManager, decisions: AppendedDecision[]): Promise<void> {
    const events = decisions.map((d) => ({ decision: d, type: eventTypeOf(d) })).filter((e) => e.type !== null);
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO events (type, supplier_id, category, decision_id)
       SELECT x.type, s.id, s.category, x.decision_id
         FROM ${transactionLockSource(4)},
              unnest(string_to_array($1, ',')::text[], string_to_array($2, ',')::uuid[], string_to_array($3, ',')::uuid[])
              WITH ORDINALITY AS x(type, supplier_id, decision_id, ord)
         JOIN suppliers s ON s.id = x.supplier_id
        ORDER BY x.ord`,
      [
        sqlList(events.map((e) => e.type)),
        sqlList(events.map((e) => e.decision.supplierId)),
        sqlList(events.map((e) => e.decision.id)),
        LockKey.Outbox,
      ],
    );
  }

  /**
   * Writes events that are not decisions', in the caller's transaction and under the same lock as
   * `record` (ids increase in commit order). An event whose `dedupeKey` is already in the outbox is
   * skipped, so a deadline announced by several instances, or twice, is announced once. Answers
   * how many were written. The supplier's category is read with the event, as for decisions.
   */
  async recordEvents(manager: EntityManager, events: readonly OutboxEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    await lockForTransaction(manager, LockKey.Outbox);
    const rows = (await manager.query(
      `INSERT INTO events (type, supplier_id, category, payload, dedupe_key)
       SELECT x.type, s.id, s.category, x.payload, x.dedupe_key
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (type text, supplier_id uuid, payload jsonb, dedupe_key text))
              WITH ORDINALITY AS x(type, supplier_id, payload, dedupe_key, ord)
         JOIN suppliers s ON s.id = x.supplier_id
        ORDER BY x.ord
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(
          events.map((e) => ({ type: e.type, supplier_id: e.supplierId, payload: e.payload, dedupe_key: e.dedupeKey ?? null })),
        ),
      ],
    )) as unknown[];
    return rows.length;
  }

  /**
   * Events after an id, oldest first; `scope` keeps only events of those categories (null: all).
   * The id is the cursor either way, so a consumer limited to some categories skips the others'
   * events and misses none of its own.
   */
  async after(after: string | number, limit: number, scope: readonly string[] | null = null): Promise<EventRow[]> {
    return (await this.dataSource.query(
      `${EVENTS_SELECT} WHERE e.id > $1 AND ($3::text[] IS NULL OR e.category = ANY($3::text[])) ORDER BY e.id LIMIT $2`,
      [after, limit, scope === null ? null : [...scope]],
    )) as EventRow[];
  }
}
