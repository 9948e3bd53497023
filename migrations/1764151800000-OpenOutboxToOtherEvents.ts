import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox carries events that are not decisions: a complaint's overdue deadline or resolution,
 * a recovery charged to a supplier (issue 16). A decision event still names its decision and
 * carries no payload of its own (readers take the decision, which is never updated); any other
 * event carries its `payload`. Exactly one of the two is set.
 *
 * `dedupe_key`, unique when set, makes "raise this event once" a property of the table: a deadline
 * job running on several instances, or twice for the same deadline, inserts the event with a key
 * such as `complaint:<id>:response_overdue` and `ON CONFLICT DO NOTHING` keeps the first.
 */
export class OpenOutboxToOtherEvents1764151800000 implements MigrationInterface {
  name = 'OpenOutboxToOtherEvents1764151800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events ALTER COLUMN decision_id DROP NOT NULL`);
    await q.query(`ALTER TABLE events ADD COLUMN payload jsonb, ADD COLUMN dedupe_key text`);
    await q.query(`ALTER TABLE events ADD CONSTRAINT events_decision_or_payload CHECK ((decision_id IS NULL) = (payload IS NOT NULL))`);
    await q.query(`CREATE UNIQUE INDEX events_dedupe_key ON events (dedupe_key) WHERE dedupe_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM events WHERE decision_id IS NULL`);
    await q.query(`DROP INDEX events_dedupe_key`);
    await q.query(`ALTER TABLE events DROP CONSTRAINT events_decision_or_payload`);
    await q.query(`ALTER TABLE events DROP COLUMN dedupe_key, DROP COLUMN payload`);
    await q.query(`ALTER TABLE events ALTER COLUMN decision_id SET NOT NULL`);
  }
}
