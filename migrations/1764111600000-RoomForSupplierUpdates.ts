import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A first scoring run updates most suppliers at once (bench/README.md: 83,000 of 100,000), and
 * most of those updates change the tier alone, which no index covers. An update that finds room
 * on its row's page is heap-only: no new entry in any of the table's five indexes. At fillfactor
 * 90 a page has room for a few of its rows' new versions; at 50 it has room for all of them.
 * Measured on the bench data (83k updates in batches of 2,000, one backend): 1.6-2.2 s at 90,
 * 1.6 s at 70, 0.9-1.2 s at 50. The table doubles in size (26 to about 50 MB for 100,000
 * suppliers). Pages written before this setting keep theirs until they are rewritten.
 */
export class RoomForSupplierUpdates1764111600000 implements MigrationInterface {
  name = 'RoomForSupplierUpdates1764111600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE suppliers SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE suppliers SET (fillfactor = 90)`);
  }
}
