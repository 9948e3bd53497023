import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_failed_on`: when a supplier's latest accepted audit failed, its date (PRODUCT.md, Trust
 * rules: "An audit outweighs the reviews it contradicts"). Reviews then neither reward nor
 * reinstate the supplier; a passing re-audit clears it. It is part of the supplier's standing,
 * written by `SuppliersRepository.changeStanding` in the audit decision's transaction, so
 * governance reads it from the supplier and never from `audits`.
 *
 * Not indexed, like `status` (KeepStatusOutOfSupplierIndexes): a change stays a heap-only update,
 * and it is read only with the rest of a supplier's row. A nullable column without a default is
 * added without rewriting the table.
 */
export class StoreAuditStanding1764140400000 implements MigrationInterface {
  name = 'StoreAuditStanding1764140400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE suppliers ADD COLUMN audit_failed_on date`);
    // A supplier whose latest audit decision before this column existed was a failure keeps that standing.
    await q.query(`
      UPDATE suppliers s SET audit_failed_on = latest.as_of
        FROM (SELECT DISTINCT ON (supplier_id) supplier_id, kind, as_of
                FROM decisions WHERE kind IN ('AUDIT_PASSED', 'AUDIT_FAILED')
               ORDER BY supplier_id, seq DESC) latest
       WHERE latest.supplier_id = s.id AND latest.kind = 'AUDIT_FAILED'`);
    await q.query(
      `COMMENT ON COLUMN suppliers.audit_failed_on IS 'Date of the latest accepted audit when it failed (null: passed or none); reviews then neither reward nor reinstate'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE suppliers DROP COLUMN audit_failed_on`);
  }
}
