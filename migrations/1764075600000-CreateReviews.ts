import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviews, their daily roll-ups by rating (windows read these, never the reviews), and the log of
 * exclusions. Roll-ups are kept by rating so a policy's positive bar can change without a rebuild.
 */
export class CreateReviews1764075600000 implements MigrationInterface {
  name = 'CreateReviews1764075600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reviews (
        id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        source          text        NOT NULL,
        external_id     text        NOT NULL,
        supplier_id     uuid        NOT NULL REFERENCES suppliers (id),
        rating          smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
        reviewed_at     timestamptz NOT NULL,
        title           text,
        body            text,
        product_ref     text,
        excluded_at     timestamptz,
        excluded_reason text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (source, external_id)
      )`);
    await q.query(`CREATE INDEX reviews_supplier_time_idx ON reviews (supplier_id, reviewed_at)`);

    await q.query(`
      CREATE TABLE review_daily_rollups (
        supplier_id uuid     NOT NULL REFERENCES suppliers (id),
        day         date     NOT NULL,
        rating      smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        n           integer  NOT NULL CHECK (n >= 0),
        PRIMARY KEY (supplier_id, day, rating)
      )`);

    await q.query(`
      CREATE TABLE review_exclusion_log (
        id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        review_id  uuid        NOT NULL REFERENCES reviews (id),
        action     text        NOT NULL CHECK (action IN ('EXCLUDED', 'REVERTED')),
        reason     text,
        actor      text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX review_exclusion_log_review_idx ON review_exclusion_log (review_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE review_exclusion_log`);
    await q.query(`DROP TABLE review_daily_rollups`);
    await q.query(`DROP TABLE reviews`);
  }
}
