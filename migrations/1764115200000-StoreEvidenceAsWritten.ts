import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A decision's evidence becomes `json` instead of `jsonb`: stored as the service wrote it, checked
 * for syntax but not taken apart into jsonb's binary form. Evidence is written once and read
 * whole; no query looks inside it, so jsonb's operators and indexes served nothing, and building
 * it cost a first scoring run (83,000 decisions) about 0.3 CPU-seconds. Measured by hand on the
 * bench's 86k decisions, without indexes: 540-750 ms into jsonb, 280-350 ms into json; the cast
 * alone, 242 ms against 74 ms. Readers see the same object (keys in the order written rather than
 * jsonb's order).
 */
export class StoreEvidenceAsWritten1764115200000 implements MigrationInterface {
  name = 'StoreEvidenceAsWritten1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions ALTER COLUMN evidence TYPE json USING evidence::json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions ALTER COLUMN evidence TYPE jsonb USING evidence::jsonb`);
  }
}
