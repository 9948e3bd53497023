import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The complaint rate's read of a scoring batch sums `orders` over each supplier's days in the
 * window: with `orders` in the primary key's index (INCLUDE) it is an index-only scan instead of a
 * bitmap scan of the index and then the heap (about 8 of the read's 21 ms per batch of 2,000
 * suppliers, cold heap pages cost more: bench/README.md). One index still; an upsert that changes a
 * day's count (the feed's last count stands) is then never a HOT update, which a daily feed barely
 * meets.
 */
export class CoverOrderVolumesKey1764172800000 implements MigrationInterface {
  name = 'CoverOrderVolumesKey1764172800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_volumes DROP CONSTRAINT order_volumes_pkey, ADD PRIMARY KEY (supplier_id, day) INCLUDE (orders)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_volumes DROP CONSTRAINT order_volumes_pkey, ADD PRIMARY KEY (supplier_id, day)`);
  }
}
