import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Voice of the customer (PRODUCT.md, "Voice of the customer"; issue 18).
 *
 * - `policies` gains `aspects` (the taxonomy, versioned with the policy; NULL in versions made
 *   before this migration, read as the category's built-in default) and `auto_exclusion`.
 * - `review_tag_queue` (written by the reviews module): the reviews waiting to be tagged, enqueued
 *   by ingestion (new reviews, and updated ones whose words changed) and by a retag of a category;
 *   the tagger claims and deletes them (`FOR UPDATE SKIP LOCKED`, so instances share the work).
 * - `review_aspects` (written by the voice module): one row per tagged review, its tags as
 *   `[{key, polarity, evidence}]` and the policy version whose taxonomy read them.
 * - `review_aspect_daily_rollups` (voice): mentions per supplier, day (of `reviewed_at`, UTC),
 *   aspect, polarity and rating, so windows and drivers never scan reviews; the rating is kept so
 *   any positive bar can tell negative reviews.
 * - `exclusion_proposals` (voice): one per review at most, ever: a rejected proposal is not made
 *   again.
 * - `review_exclusion_log` gains `rule` and `aspects`: an exclusion made by a rule names it and the
 *   aspects it read.
 */
export class CreateVoiceOfCustomer1764169200000 implements MigrationInterface {
  name = 'CreateVoiceOfCustomer1764169200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE policies
        ADD COLUMN aspects        jsonb,
        ADD COLUMN auto_exclusion text NOT NULL DEFAULT 'PROPOSE' CHECK (auto_exclusion IN ('OFF','PROPOSE','APPLY'))`);
    await q.query(`
      CREATE TABLE review_tag_queue (
        review_id   uuid        PRIMARY KEY,
        enqueued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX review_tag_queue_age_idx ON review_tag_queue (enqueued_at)`);
    await q.query(`
      CREATE TABLE review_aspects (
        review_id      uuid        PRIMARY KEY,
        supplier_id    uuid        NOT NULL,
        policy_version integer     NOT NULL,
        tags           jsonb       NOT NULL,
        tagged_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE review_aspect_daily_rollups (
        supplier_id uuid     NOT NULL,
        day         date     NOT NULL,
        aspect_key  text     NOT NULL,
        polarity    text     NOT NULL CHECK (polarity IN ('POSITIVE','NEGATIVE','NEUTRAL')),
        rating      smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        n           integer  NOT NULL CHECK (n >= 0),
        PRIMARY KEY (supplier_id, day, aspect_key, polarity, rating)
      )`);
    await q.query(`CREATE INDEX review_aspect_daily_rollups_day_idx ON review_aspect_daily_rollups (day, aspect_key)`);
    await q.query(`
      CREATE TABLE exclusion_proposals (
        id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
        review_id      uuid        NOT NULL UNIQUE,
        supplier_id    uuid        NOT NULL,
        category       text        NOT NULL,
        aspects        text[]      NOT NULL,
        policy_version integer     NOT NULL,
        status         text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','ACCEPTED','REJECTED')),
        reason         text,
        decided_by     text,
        decided_at     timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'PENDING') = (decided_at IS NULL))
      )`);
    await q.query(`CREATE INDEX exclusion_proposals_queue_idx ON exclusion_proposals (category, status, created_at)`);
    await q.query(`ALTER TABLE review_exclusion_log ADD COLUMN rule text, ADD COLUMN aspects text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_exclusion_log DROP COLUMN aspects, DROP COLUMN rule`);
    await q.query(`DROP TABLE exclusion_proposals`);
    await q.query(`DROP TABLE review_aspect_daily_rollups`);
    await q.query(`DROP TABLE review_aspects`);
    await q.query(`DROP TABLE review_tag_queue`);
    await q.query(`ALTER TABLE policies DROP COLUMN auto_exclusion, DROP COLUMN aspects`);
  }
}
