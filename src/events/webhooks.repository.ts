import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

import { SecretBox } from '../common/crypto/secret-box.js';
import { WEBHOOK_OPTIONS, type WebhookOptions } from '../config/webhook.options.js';
import type { EventType } from '../decisions/domain/event-types.js';

export interface WebhookRow {
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

/** What delivery needs of a subscription, the secret included (it never leaves the service). */
export interface DueWebhook {
  id: string;
  url: string;
  secret: string;
  types: EventType[] | null;
  cursor: string;
  attempts: number;
}

const WEBHOOK_COLUMNS = 'id, seq, url, types, created_at, delivered, cursor, attempts, last_error';

/**
 * The one writer of `webhooks`: subscriptions and their delivery cursors. Signing secrets are
 * sealed (AES-256-GCM, SECRETS_KEY) before they are written and opened only for delivery; secrets
 * stored in clear before encryption at rest are sealed when the dispatcher starts.
 */
@Injectable()
export class WebhooksRepository {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WEBHOOK_OPTIONS) options: WebhookOptions,
  ) {
    this.box = new SecretBox(options.secretsKey);
  }

  /** Seals the secrets of subscriptions made before encryption at rest (a no-op once done). */
  async sealLegacySecrets(): Promise<void> {
    const rows = (await this.dataSource.query(`SELECT id, secret FROM webhooks WHERE secret NOT LIKE 'v1:%'`)) as Array<{
      id: string;
      secret: string;
    }>;
    for (const row of rows) {
      await this.dataSource.query(`UPDATE webhooks SET secret = $2 WHERE id = $1 AND secret = $3`, [
        row.id,
        this.box.seal(row.secret),
        row.secret,
      ]);
    }
  }

  /** A new subscription starts after the latest event committed so far. */
  async insert(url: string, secret: string, types: EventType[] | null, actor: string): Promise<WebhookRow> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO webhooks (url, secret, types, cursor, created_by)
       VALUES ($1, $2, $3, (SELECT COALESCE(max(id), 0) FROM events), $4)
       RETURNING ${WEBHOOK_COLUMNS}`,
      [url, this.box.seal(secret), types, actor],
    )) as WebhookRow[];
    return row;
  }

  async listActive(): Promise<WebhookRow[]> {
    return (await this.dataSource.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE deleted_at IS NULL ORDER BY seq`)) as WebhookRow[];
  }

  /** Marks a subscription deleted; false when there was none. */
  async softDelete(id: string): Promise<boolean> {
    // (In a CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.)
    const rows = (await this.dataSource.query(
      `WITH deleted AS (UPDATE webhooks SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id) SELECT id FROM deleted`,
      [id],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The subscriptions due for delivery, their secrets opened. */
  async due(): Promise<DueWebhook[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, url, secret, types, cursor, attempts FROM webhooks WHERE deleted_at IS NULL AND next_attempt_at <= now() ORDER BY seq`,
    )) as DueWebhook[];
    return rows.map((row) => ({ ...row, secret: SecretBox.isSealed(row.secret) ? this.box.open(row.secret) : row.secret }));
  }

  /**
   * The age in seconds of the oldest event some active subscription has not been delivered yet
   * (the first event after the smallest cursor: ids grow in commit order); 0 when every
   * subscription is up to date, or there is none.
   */
  async oldestUndeliveredAgeSeconds(): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT extract(epoch FROM now() - e.occurred_at)::float8 AS age
         FROM events e
        WHERE e.id > (SELECT min(cursor) FROM webhooks WHERE deleted_at IS NULL)
        ORDER BY e.id
        LIMIT 1`,
    )) as Array<{ age: number }>;
    return rows.length === 0 ? 0 : Math.max(0, rows[0].age);
  }

  /** Moves past an event the subscription does not want. */
  async skipTo(id: string, eventId: number): Promise<void> {
    await this.dataSource.query(`UPDATE webhooks SET cursor = $2 WHERE id = $1`, [id, eventId]);
  }

  async recordFailure(id: string, attempts: number, error: string, retryInMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhooks SET attempts = $2, last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond' WHERE id = $1`,
      [id, attempts, error.slice(0, 500), retryInMs],
    );
  }

  async recordDelivery(id: string, eventId: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhooks SET cursor = $2, delivered = delivered + 1, attempts = 0, last_error = NULL, next_attempt_at = now() WHERE id = $1`,
      [id, eventId],
    );
  }
}
