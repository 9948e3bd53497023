import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Admission applications, scoring runs and their per-supplier score snapshots. Automated
 * decisions become unique per supplier, kind and as-of date, so a re-run cannot repeat one.
 */
export class CreateGovernance1764079200000 implements MigrationInterface {
  name = 'CreateGovernance1764079200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admission_applications (
        id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        seq             bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
        supplier_id     uuid        NOT NULL REFERENCES suppliers (id),
        as_of           date        NOT NULL,
        outcome         text        NOT NULL CHECK (outcome IN ('ADMITTED', 'PENDING_EVIDENCE', 'REJECTED')),
        evaluation      jsonb       NOT NULL,
        reason          text        NOT NULL,
        policy_version  integer     NOT NULL,
        created_by      text        NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        override_outcome text       CHECK (override_outcome IN ('ADMITTED', 'REJECTED')),
        override_reason text,
        overridden_by   text,
        overridden_at   timestamptz
      )`);
    await q.query(`CREATE INDEX admission_applications_supplier_idx ON admission_applications (supplier_id, seq DESC)`);

    await q.query(`
      CREATE TABLE scoring_runs (
        id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        seq         bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
        status      text        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
        as_of       date        NOT NULL,
        category    text,
        trigger     text        NOT NULL CHECK (trigger IN ('SCHEDULE', 'MANUAL')),
        processed   integer     NOT NULL DEFAULT 0,
        total       integer     NOT NULL DEFAULT 0,
        counts      jsonb       NOT NULL DEFAULT '{}',
        created_by  text        NOT NULL,
        started_at  timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        error       text
      )`);
    await q.query(`CREATE INDEX scoring_runs_status_idx ON scoring_runs (status) WHERE status = 'RUNNING'`);

    await q.query(`
      CREATE TABLE score_snapshots (
        supplier_id    uuid        NOT NULL REFERENCES suppliers (id),
        as_of          date        NOT NULL,
        run_id         uuid        NOT NULL REFERENCES scoring_runs (id),
        policy_version integer     NOT NULL,
        window_days    integer,
        n              integer     NOT NULL,
        positives      integer     NOT NULL,
        raw_rate       double precision,
        wilson_lower   double precision,
        rate           double precision,
        tier           text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (supplier_id, as_of)
      )`);

    await q.query(`ALTER TABLE decisions ADD COLUMN run_id uuid REFERENCES scoring_runs (id)`);
    await q.query(`
      CREATE UNIQUE INDEX decisions_automated_once_idx ON decisions (supplier_id, kind, as_of)
       WHERE kind IN ('REWARD', 'WARNING', 'PENALTY', 'REINSTATE', 'DELIST') AND actor LIKE 'job:%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX decisions_automated_once_idx`);
    await q.query(`ALTER TABLE decisions DROP COLUMN run_id`);
    await q.query(`DROP TABLE score_snapshots`);
    await q.query(`DROP TABLE scoring_runs`);
    await q.query(`DROP TABLE admission_applications`);
  }
}
