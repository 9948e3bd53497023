import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions are append-only (PRODUCT.md, Decisions): what governance did, and why, is never
 * rewritten. The database now refuses any UPDATE or DELETE of a decision, whoever sends it, instead
 * of relying on every writer's care. (An audit decision used to be updated with its audit id right
 * after the insert; it is now inserted with it.)
 */
export class GuardDecisionLog1764104400000 implements MigrationInterface {
  name = 'GuardDecisionLog1764104400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'decisions are append-only: % of decision % refused', TG_OP, OLD.id USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(
      `CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION decisions_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER decisions_append_only ON decisions`);
    await q.query(`DROP FUNCTION decisions_append_only()`);
  }
}
