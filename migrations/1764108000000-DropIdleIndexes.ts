import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes that every decision and event paid for and nothing read (a first scoring run
 * writes some 83,000 decisions: bench/README.md):
 * - `decisions_seq_key`: `seq` is an identity column that no writer overrides, so its values are
 *   unique without an index; decisions are read by supplier (`decisions_supplier_idx` orders them
 *   by `seq`) or by id, never by `seq` alone;
 * - `events_supplier_idx`: the event feed and the webhooks read events by id only.
 */
export class DropIdleIndexes1764108000000 implements MigrationInterface {
  name = 'DropIdleIndexes1764108000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_seq_key`);
    await q.query(`DROP INDEX events_supplier_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX events_supplier_idx ON events (supplier_id, id)`);
    await q.query(`ALTER TABLE decisions ADD CONSTRAINT decisions_seq_key UNIQUE (seq)`);
  }
}
