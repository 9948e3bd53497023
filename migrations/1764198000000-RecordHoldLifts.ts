import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'REWARD','WARNING','PENALTY','REINSTATE','DELIST','ADMIT','REJECT','OVERRIDE','AUDIT_PASSED','AUDIT_FAILED','APPEAL_GRANTED'`;

/**
 * A hold lifted early is a decision of its own, `HOLD_LIFTED`: who lifted it, when, and the hold
 * it ended, in the append-only decision log like every other governance act. Undoing this refuses
 * while any such decision exists (the decision log is never rewritten).
 */
export class RecordHoldLifts1764198000000 implements MigrationInterface {
  name = 'RecordHoldLifts1764198000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_kind_check`);
    await q.query(`ALTER TABLE decisions ADD CONSTRAINT decisions_kind_check CHECK (kind IN (${KINDS},'HOLD_LIFTED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    const [{ n }] = (await q.query(`SELECT count(*)::int AS n FROM decisions WHERE kind = 'HOLD_LIFTED'`)) as Array<{ n: number }>;
    if (n > 0) throw new Error(`${n} HOLD_LIFTED decisions exist: the decision log is never rewritten, so this migration stays`);
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_kind_check`);
    await q.query(`ALTER TABLE decisions ADD CONSTRAINT decisions_kind_check CHECK (kind IN (${KINDS}))`);
  }
}
