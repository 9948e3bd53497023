import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the tagger needs beyond CreateVoiceOfCustomer (issue 18, items 3 and 4).
 *
 * - `review_aspects` gains `day` and `rating`: the roll-up row (supplier, day, rating) a review's
 *   tags were counted under. A review updated since (a new rating, a new time) is retagged, and
 *   the tagger subtracts its old tags where they were counted, not where the updated review would
 *   be counted now. (`supplier_id` was there already for the same reason.)
 * - `exclusion_proposals` gains `seq`, the keyset position its list is paged by, as appeals and
 *   audits are; the queue index is on it instead of `created_at`.
 */
export class RecordTaggedCounts1764176400000 implements MigrationInterface {
  name = 'RecordTaggedCounts1764176400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_aspects ADD COLUMN day date, ADD COLUMN rating smallint CHECK (rating BETWEEN 1 AND 5)`);
    // Nothing wrote review_aspects before this migration; should a row exist, it was counted as its review stands.
    await q.query(`
      UPDATE review_aspects a SET day = (r.reviewed_at AT TIME ZONE 'UTC')::date, rating = r.rating
        FROM reviews r WHERE r.id = a.review_id`);
    await q.query(`DELETE FROM review_aspects WHERE day IS NULL`);
    await q.query(`ALTER TABLE review_aspects ALTER COLUMN day SET NOT NULL, ALTER COLUMN rating SET NOT NULL`);
    await q.query(`ALTER TABLE exclusion_proposals ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
    await q.query(`DROP INDEX exclusion_proposals_queue_idx`);
    await q.query(`CREATE INDEX exclusion_proposals_queue_idx ON exclusion_proposals (category, status, seq)`);
    await q.query(`CREATE UNIQUE INDEX exclusion_proposals_seq_idx ON exclusion_proposals (seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX exclusion_proposals_seq_idx`);
    await q.query(`DROP INDEX exclusion_proposals_queue_idx`);
    await q.query(`CREATE INDEX exclusion_proposals_queue_idx ON exclusion_proposals (category, status, created_at)`);
    await q.query(`ALTER TABLE exclusion_proposals DROP COLUMN seq`);
    await q.query(`ALTER TABLE review_aspects DROP COLUMN rating, DROP COLUMN day`);
  }
}
