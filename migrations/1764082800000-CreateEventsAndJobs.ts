import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox of supplier events (written in the decision's transaction), webhook subscriptions
 * with their delivery cursor, and the ticks of scheduled jobs (one row per tick: the instance that
 * inserts it runs the job).
 */
export class CreateEventsAndJobs1764082800000 implements MigrationInterface {
  name = 'CreateEventsAndJobs1764082800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        type        text        NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        supplier_id uuid        NOT NULL REFERENCES suppliers (id),
        category    text        NOT NULL,
        decision_id uuid        NOT NULL UNIQUE REFERENCES decisions (id),
        payload     jsonb       NOT NULL
      )`);
    await q.query(`CREATE INDEX events_supplier_idx ON events (supplier_id, id)`);

    await q.query(`
      CREATE TABLE webhooks (
        id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        seq             bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
        url             text        NOT NULL,
        secret          text        NOT NULL,
        types           text[],
        cursor          bigint      NOT NULL DEFAULT 0,
        attempts        integer     NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        delivered       bigint      NOT NULL DEFAULT 0,
        created_by      text        NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        deleted_at      timestamptz
      )`);

    await q.query(`
      CREATE TABLE job_ticks (
        job         text        NOT NULL,
        tick        timestamptz NOT NULL,
        instance    text        NOT NULL,
        run_id      uuid,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job, tick)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_ticks`);
    await q.query(`DROP TABLE webhooks`);
    await q.query(`DROP TABLE events`);
  }
}
