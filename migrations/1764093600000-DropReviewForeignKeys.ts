import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reviews and roll-ups are the hot path of ingestion. Their supplier foreign keys cost a per-row
 * trigger (a query each) on every insert, which the ingestion already makes redundant: it
 * resolves every item's supplier before storing it, and suppliers are never deleted (DELISTED
 * keeps the row; no endpoint deletes one). A future supplier deletion must remove its reviews and
 * roll-ups itself. Measured in bench/README.md.
 */
export class DropReviewForeignKeys1764093600000 implements MigrationInterface {
  name = 'DropReviewForeignKeys1764093600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reviews DROP CONSTRAINT reviews_supplier_id_fkey`);
    await q.query(`ALTER TABLE review_daily_rollups DROP CONSTRAINT review_daily_rollups_supplier_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE review_daily_rollups ADD CONSTRAINT review_daily_rollups_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES suppliers (id)`,
    );
    await q.query(`ALTER TABLE reviews ADD CONSTRAINT reviews_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES suppliers (id)`);
  }
}
