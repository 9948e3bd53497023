import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import type { Principal } from '../common/auth/principal.js';
import { DEFAULT_LIMIT } from '../common/pagination/page.js';
import { decisionFromRow, type DecisionRow, decisionToResponse } from '../decisions/decision.mapper.js';
import { REFERENCED_EVIDENCE_COLUMNS, referencedEvidenceJoins } from '../decisions/decision-evidence.js';
import type { EventType } from '../decisions/domain/event-types.js';
import type { EventDto, WebhookDto } from './dto/events.dto.js';
import { EventsException, EventsExceptionCode } from './events.exception.js';

/** An event with its decision's columns; the decision's own id, seq and time under other names. */
interface EventRow extends Omit<DecisionRow, 'id' | 'seq' | 'created_at'> {
  id: string;
  type: EventType;
  occurred_at: Date;
  category: string;
  decision_id: string;
  decision_seq: string;
  decided_at: Date;
}

/** Events with their decision, which is the payload (decisions are never updated). Append WHERE / ORDER BY. */
export const EVENTS_SELECT = `
  SELECT e.id, e.type, e.occurred_at, e.supplier_id, e.category, e.decision_id, d.seq AS decision_seq, d.run_id, d.kind, d.from_status, d.to_status,
         to_char(d.as_of, 'YYYY-MM-DD') AS as_of, d.policy_version, d.evidence, d.reason, d.next_step, d.actor, d.created_at AS decided_at,
         ${REFERENCED_EVIDENCE_COLUMNS}
    FROM events e JOIN decisions d ON d.id = e.decision_id
         ${referencedEvidenceJoins('d', 'e.category')}`;

export function eventFromRow(r: EventRow): EventDto {
  return {
    id: Number(r.id),
    type: r.type,
    occurredAt: r.occurred_at.toISOString(),
    supplierId: r.supplier_id,
    category: r.category,
    decision: decisionToResponse(decisionFromRow({ ...r, id: r.decision_id, seq: r.decision_seq, created_at: r.decided_at })),
  };
}

interface WebhookRow {
  id: string;
  seq: string;
  url: string;
  types: EventType[] | null;
  created_at: Date;
  delivered: string;
  cursor: string;
  attempts: number;
  last_error: string | null;
}

function webhookFromRow(r: WebhookRow): WebhookDto {
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

const WEBHOOK_COLUMNS = 'id, seq, url, types, created_at, delivered, cursor, attempts, last_error';

@Injectable()
export class EventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Events oldest first after an id: what a polling consumer reads. */
  async list(after = 0, limit = DEFAULT_LIMIT): Promise<{ items: EventDto[]; nextCursor: string | null }> {
    const rows = (await this.dataSource.query(`${EVENTS_SELECT} WHERE e.id > $1 ORDER BY e.id LIMIT $2`, [after, limit + 1])) as EventRow[];
    const items = rows.slice(0, limit).map(eventFromRow);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
  }

  /** A new subscription receives the events committed from now on (GET /v1/events has the past). */
  async createWebhook(url: string, secret: string, types: EventType[] | undefined, principal: Principal): Promise<WebhookDto> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO webhooks (url, secret, types, cursor, created_by)
       VALUES ($1, $2, $3, (SELECT COALESCE(max(id), 0) FROM events), $4)
       RETURNING ${WEBHOOK_COLUMNS}`,
      [url, secret, types ?? null, principal.sub],
    )) as WebhookRow[];
    return webhookFromRow(row);
  }

  async listWebhooks(): Promise<WebhookDto[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE deleted_at IS NULL ORDER BY seq`,
    )) as WebhookRow[];
    return rows.map(webhookFromRow);
  }

  async deleteWebhook(id: string): Promise<void> {
    // (In a CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.)
    const rows = (await this.dataSource.query(
      `WITH deleted AS (UPDATE webhooks SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id) SELECT id FROM deleted`,
      [id],
    )) as unknown[];
    if (rows.length === 0) throw new EventsException(EventsExceptionCode.WEBHOOK_NOT_FOUND, `Webhook ${id} does not exist`);
  }
}
