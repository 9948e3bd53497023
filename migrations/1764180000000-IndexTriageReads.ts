import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The triage reads (issue 19):
 * - supplier search `q`, a case-insensitive substring of name, externalRef or city: one trigram
 *   GIN index per column (`pg_trgm`, shipped with PostgreSQL 15 and 18 alike and trusted, so the
 *   database owner may create it), which an ILIKE '%…%' of each uses and a BitmapOr combines. The
 *   three columns never change after registration, so a change of standing stays a HOT update;
 * - each listed supplier's latest snapshot: snapshots are keyed (as_of, supplier_id) so that a
 *   night's inserts append (LightenRunWrites), and a supplier-led index would undo that. The
 *   search probes that key at the dates runs were made, newest first, which this index on the
 *   (small) runs table walks;
 * - the decision feed, newest first by createdAt with date bounds on it: decisions append in
 *   created_at order, so the index grows at its right edge as the log does.
 */
export class IndexTriageReads1764180000000 implements MigrationInterface {
  name = 'IndexTriageReads1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX suppliers_name_trgm_idx ON suppliers USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX suppliers_external_ref_trgm_idx ON suppliers USING gin (external_ref gin_trgm_ops)`);
    await q.query(`CREATE INDEX suppliers_city_trgm_idx ON suppliers USING gin (city gin_trgm_ops)`);
    await q.query(`CREATE INDEX scoring_runs_as_of_idx ON scoring_runs (as_of)`);
    await q.query(`CREATE INDEX decisions_feed_idx ON decisions (created_at DESC, seq DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX decisions_feed_idx`);
    await q.query(`DROP INDEX scoring_runs_as_of_idx`);
    await q.query(`DROP INDEX suppliers_city_trgm_idx`);
    await q.query(`DROP INDEX suppliers_external_ref_trgm_idx`);
    await q.query(`DROP INDEX suppliers_name_trgm_idx`);
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
