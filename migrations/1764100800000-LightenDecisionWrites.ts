import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A first scoring run can decide for most suppliers at once (bench/README.md: 83,000 decisions
 * in one run). Two per-row costs went:
 * - the decisions' supplier foreign key, a trigger and a key-share lock per decision: every path
 *   that appends a decision (runs, admission, overrides, audits) has just locked that supplier's
 *   row in the same transaction, and suppliers are never deleted (see DropReviewForeignKeys);
 * - full supplier pages: most run updates change the tier alone, which no index covers, so with
 *   room left on the page PostgreSQL rewrites the row in place of touching all five indexes
 *   (a heap-only update). New pages keep 10% free.
 */
export class LightenDecisionWrites1764100800000 implements MigrationInterface {
  name = 'LightenDecisionWrites1764100800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_supplier_id_fkey`);
    await q.query(`ALTER TABLE suppliers SET (fillfactor = 90)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE suppliers RESET (fillfactor)`);
    await q.query(`ALTER TABLE decisions ADD CONSTRAINT decisions_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES suppliers (id)`);
  }
}
