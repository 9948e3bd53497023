import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../common/auth/principal.js';
import { DEFAULT_LIMIT } from '../common/pagination/page.js';
import type { DecisionResponseDto } from '../decisions/dto/decision-response.dto.js';
import type { EventType } from './domain/event-types.js';
import type { EventDto, WebhookDto } from './dto/events.dto.js';
import { EventsException, EventsExceptionCode } from './events.exception.js';

interface EventRow {
  id: string;
  type: EventType;
  occurred_at: Date;
  supplier_id: string;
  category: string;
  payload: DecisionResponseDto;
}

export function eventFromRow(r: EventRow): EventDto {
  return { id: Number(r.id), type: r.type, occurredAt: r.occurred_at.toISOString(), supplierId: r.supplier_id, category: r.category, decision: r.payload };
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
    const rows = (await this.dataSource.query(
      `SELECT id, type, occurred_at, supplier_id, category, payload FROM events WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, limit + 1],
    )) as EventRow[];
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
    const rows = (await this.dataSource.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE deleted_at IS NULL ORDER BY seq`)) as WebhookRow[];
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
