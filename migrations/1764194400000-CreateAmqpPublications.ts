import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The AMQP publisher's cursor, one row per exchange: the last event id the broker confirmed, so a
 * publisher that restarts, reconnects or takes over from another instance resumes after it.
 * Owned by the events module.
 */
export class CreateAmqpPublications1764194400000 implements MigrationInterface {
  name = 'CreateAmqpPublications1764194400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE amqp_publications (
        exchange      text        PRIMARY KEY,
        last_event_id bigint      NOT NULL DEFAULT 0 CHECK (last_event_id >= 0),
        published     bigint      NOT NULL DEFAULT 0,
        last_error    text,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE amqp_publications`);
  }
}
