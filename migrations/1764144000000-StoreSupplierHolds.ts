import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `hold_until`: a manager's override to ACTIVE held until that date (PRODUCT.md, Trust rules: "A
 * person's override holds as long as they said"). Scoring runs dated up to and including it make
 * no sanction decision for the supplier (they still store its snapshot and tier); the first run
 * after it clears it. Part of the supplier's standing, written only by
 * `SuppliersRepository.changeStanding`.
 *
 * Not indexed, like `status` (KeepStatusOutOfSupplierIndexes): a change stays a heap-only update,
 * and it is read only with the rest of a supplier's row. A nullable column without a default is
 * added without rewriting the table.
 */
export class StoreSupplierHolds1764144000000 implements MigrationInterface {
  name = 'StoreSupplierHolds1764144000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE suppliers ADD COLUMN hold_until date`);
    await q.query(
      `COMMENT ON COLUMN suppliers.hold_until IS 'A manager''s hold: scoring runs dated up to and including it make no sanction decision'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE suppliers DROP COLUMN hold_until`);
  }
}
