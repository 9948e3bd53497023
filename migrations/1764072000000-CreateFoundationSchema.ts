import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Policies (versioned per category), suppliers and the append-only decision log. */
export class CreateFoundationSchema1764072000000 implements MigrationInterface {
  name = 'CreateFoundationSchema1764072000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policies (
        category                  text        NOT NULL,
        version                   integer     NOT NULL CHECK (version >= 1),
        positive_min_rating       smallint    NOT NULL CHECK (positive_min_rating BETWEEN 1 AND 5),
        windows                   integer[]   NOT NULL,
        evaluation_windows        integer[]   NOT NULL,
        min_reviews               integer     NOT NULL CHECK (min_reviews >= 1),
        rate_method               text        NOT NULL CHECK (rate_method IN ('RAW', 'WILSON')),
        confidence                double precision NOT NULL CHECK (confidence > 0 AND confidence < 1),
        reward_threshold          double precision NOT NULL,
        admission_threshold       double precision NOT NULL,
        penalty_threshold         double precision NOT NULL,
        delist_threshold          double precision NOT NULL,
        probation_days            integer     NOT NULL CHECK (probation_days >= 1),
        reinstate_margin          double precision NOT NULL CHECK (reinstate_margin >= 0),
        readmission_cooldown_days integer     NOT NULL CHECK (readmission_cooldown_days >= 0),
        audit_pass_score          double precision NOT NULL CHECK (audit_pass_score BETWEEN 0 AND 100),
        audit_negative_rate       double precision NOT NULL CHECK (audit_negative_rate BETWEEN 0 AND 1),
        audit_shift_threshold     double precision NOT NULL CHECK (audit_shift_threshold BETWEEN 0 AND 1),
        audit_checklist           jsonb       NOT NULL,
        created_by                text        NOT NULL,
        created_at                timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (category, version),
        CHECK (0 <= delist_threshold AND delist_threshold <= penalty_threshold
               AND penalty_threshold <= admission_threshold AND admission_threshold <= reward_threshold
               AND reward_threshold <= 1)
      )`);

    await q.query(`
      CREATE TABLE suppliers (
        id                uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        seq               bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
        external_ref      text        NOT NULL UNIQUE,
        name              text        NOT NULL,
        category          text        NOT NULL,
        city              text,
        themes            text[]      NOT NULL DEFAULT '{}',
        status            text        NOT NULL DEFAULT 'APPLICANT'
                          CHECK (status IN ('APPLICANT','ACTIVE','PROBATION','SUSPENDED','DELISTED','REJECTED')),
        tier              text        CHECK (tier IN ('EXCELLENT','GOOD','WATCH','POOR','INSUFFICIENT_DATA')),
        probation_ends_at date,
        status_as_of      date,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX suppliers_category_status_idx ON suppliers (category, status, seq)`);
    await q.query(`CREATE INDEX suppliers_status_idx ON suppliers (status, seq)`);

    await q.query(`
      CREATE TABLE decisions (
        id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        seq            bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
        supplier_id    uuid        NOT NULL REFERENCES suppliers (id),
        kind           text        NOT NULL CHECK (kind IN ('REWARD','WARNING','PENALTY','REINSTATE','DELIST',
                                      'ADMIT','REJECT','OVERRIDE','AUDIT_PASSED','AUDIT_FAILED')),
        from_status    text        NOT NULL,
        to_status      text        NOT NULL,
        as_of          date        NOT NULL,
        policy_version integer,
        evidence       jsonb,
        reason         text        NOT NULL,
        next_step      text,
        actor          text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX decisions_supplier_idx ON decisions (supplier_id, seq DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decisions`);
    await q.query(`DROP TABLE suppliers`);
    await q.query(`DROP TABLE policies`);
  }
}
