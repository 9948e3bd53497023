import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Mystery shoppers, their audit assignments and reports. */
export class CreateAudits1764086400000 implements MigrationInterface {
  name = 'CreateAudits1764086400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shoppers (
        id                    uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        seq                   bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
        display_name          text        NOT NULL,
        city                  text,
        categories            text[]      NOT NULL,
        themes                text[]      NOT NULL DEFAULT '{}',
        max_open_audits       integer     NOT NULL CHECK (max_open_audits BETWEEN 0 AND 100),
        conflict_supplier_ids uuid[]      NOT NULL DEFAULT '{}',
        created_by            text        NOT NULL,
        created_at            timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE audits (
        id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        seq          bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
        supplier_id  uuid        NOT NULL REFERENCES suppliers (id),
        shopper_id   uuid        NOT NULL REFERENCES shoppers (id),
        status       text        NOT NULL CHECK (status IN ('ASSIGNED','ACCEPTED','SUBMITTED','ACCEPTED_REPORT','REJECTED_REPORT','DECLINED','EXPIRED')),
        reasons      text[]      NOT NULL DEFAULT '{}',
        priority     double precision,
        reason       text,
        assigned_at  timestamptz NOT NULL DEFAULT now(),
        due_at       timestamptz NOT NULL,
        accepted_at  timestamptz,
        report       jsonb,
        score        double precision,
        submitted_at timestamptz,
        review_note  text,
        reviewed_by  text,
        reviewed_at  timestamptz,
        created_by   text        NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audits_supplier_idx ON audits (supplier_id, seq DESC)`);
    await q.query(`CREATE INDEX audits_shopper_idx ON audits (shopper_id, status)`);
    // At most one open audit per supplier: planning and manual assignment cannot double-book.
    await q.query(
      `CREATE UNIQUE INDEX audits_one_open_per_supplier ON audits (supplier_id) WHERE status IN ('ASSIGNED', 'ACCEPTED', 'SUBMITTED')`,
    );
    await q.query(`ALTER TABLE decisions ADD COLUMN audit_id uuid REFERENCES audits (id)`);
    await q.query(`CREATE UNIQUE INDEX decisions_one_per_audit ON decisions (audit_id) WHERE audit_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX decisions_one_per_audit`);
    await q.query(`ALTER TABLE decisions DROP COLUMN audit_id`);
    await q.query(`DROP TABLE audits`);
    await q.query(`DROP TABLE shoppers`);
  }
}
