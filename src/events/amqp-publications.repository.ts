import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AmqpPublicationRow {
  exchange: string;
  last_event_id: string;
  published: string;
  last_error: string | null;
  updated_at: Date;
}

/**
 * The one writer of `amqp_publications`: per exchange, the last event id the broker confirmed.
 * Written only by the instance holding the publication lock, and only after the confirms.
 */
@Injectable()
export class AmqpPublicationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The exchange's cursor row, created at 0 (every event in the outbox is published) the first time. */
  async cursor(exchange: string): Promise<AmqpPublicationRow> {
    await this.dataSource.query(`INSERT INTO amqp_publications (exchange) VALUES ($1) ON CONFLICT (exchange) DO NOTHING`, [exchange]);
    const [row] = (await this.dataSource.query(
      `SELECT exchange, last_event_id, published, last_error, updated_at FROM amqp_publications WHERE exchange = $1`,
      [exchange],
    )) as AmqpPublicationRow[];
    return row;
  }

  /** Moves the cursor to an event the broker confirmed, with every one before it (never backwards). */
  async advance(exchange: string, lastEventId: number, count: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE amqp_publications
          SET last_event_id = GREATEST(last_event_id, $2), published = published + $3, last_error = NULL, updated_at = now()
        WHERE exchange = $1`,
      [exchange, lastEventId, count],
    );
  }

  /** Why the last attempt failed (cleared by the next confirmed event). */
  async recordError(exchange: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE amqp_publications SET last_error = $2, updated_at = now() WHERE exchange = $1`, [
      exchange,
      error.slice(0, 500),
    ]);
  }
}
