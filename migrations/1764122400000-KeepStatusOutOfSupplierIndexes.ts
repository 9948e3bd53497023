import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No index of `suppliers` holds `status` any more: `(status, seq)` goes (the `seq` key serves the
 * same scans) and `(category, status, seq)` becomes `(category, seq)`. While an index held it, a
 * change of status (a penalty, a delisting, an override) was an update that wrote a new entry into
 * each of the table's five indexes; now, like a change of tier, it is a heap-only update that
 * touches none (the table keeps room on its pages: RoomForSupplierUpdates).
 *
 * The queries that filter by status take most of the suppliers of a category (the live ones) in
 * `seq` order, so they read the new index and skip the few others. Measured by hand on the bench
 * data: 49 batches of 2,000 conditional updates, a third of them changing the status, took
 * 810-830 ms and wrote 3.0 MB of WAL a batch before, 575-585 ms and 1.3 MB after.
 */
export class KeepStatusOutOfSupplierIndexes1764122400000 implements MigrationInterface {
  name = 'KeepStatusOutOfSupplierIndexes1764122400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX suppliers_status_idx`);
    await q.query(`DROP INDEX suppliers_category_status_idx`);
    await q.query(`CREATE INDEX suppliers_category_idx ON suppliers (category, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX suppliers_category_idx`);
    await q.query(`CREATE INDEX suppliers_category_status_idx ON suppliers (category, status, seq)`);
    await q.query(`CREATE INDEX suppliers_status_idx ON suppliers (status, seq)`);
  }
}
