import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Appeals (PRODUCT.md, "The supplier's own view and appeals"): a supplier, or a manager on its
 * behalf, appeals one decision, review or recovery charge; a manager grants or denies it.
 *
 * - `policies` gains `appeal_window_days` (14: how long after its target an appeal may be made)
 *   and `appeal_decision_hours` (48: how long a manager has to rule).
 * - `appeals`: one per target (`UNIQUE (target_kind, target_id)`: a second appeal of a target is
 *   refused), never deleted; the ruling is written once, on the row (a trigger refuses a second
 *   ruling, a change of what was appealed, and a delete).
 * - `decisions.kind` gains `APPEAL_GRANTED`: the decision a granted appeal of a decision makes.
 */
export class CreateAppeals1764165600000 implements MigrationInterface {
  name = 'CreateAppeals1764165600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE policies
        ADD COLUMN appeal_window_days    integer NOT NULL DEFAULT 14,
        ADD COLUMN appeal_decision_hours integer NOT NULL DEFAULT 48`);
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_kind_check`);
    await q.query(`
      ALTER TABLE decisions ADD CONSTRAINT decisions_kind_check CHECK (kind IN ('REWARD','WARNING','PENALTY','REINSTATE','DELIST',
        'ADMIT','REJECT','OVERRIDE','AUDIT_PASSED','AUDIT_FAILED','APPEAL_GRANTED'))`);
    await q.query(`
      CREATE TABLE appeals (
        id             uuid        PRIMARY KEY,
        seq            bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
        supplier_id    uuid        NOT NULL REFERENCES suppliers (id),
        target_kind    text        NOT NULL CHECK (target_kind IN ('DECISION','REVIEW','CHARGE')),
        target_id      uuid        NOT NULL,
        statement      text        NOT NULL,
        evidence_urls  text[]      NOT NULL DEFAULT '{}',
        status         text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','GRANTED','DENIED')),
        decide_by      timestamptz NOT NULL,
        ruling_reason  text,
        ruled_by       text,
        ruled_at       timestamptz,
        created_by     text        NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        UNIQUE (target_kind, target_id),
        CHECK ((status = 'OPEN') = (ruled_at IS NULL)),
        CHECK (status = 'OPEN' OR (ruling_reason IS NOT NULL AND ruled_by IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX appeals_supplier_idx ON appeals (supplier_id, seq)`);
    await q.query(`CREATE INDEX appeals_open_idx ON appeals (decide_by) WHERE status = 'OPEN'`);
    await q.query(`
      CREATE FUNCTION appeals_rule_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'appeals are never deleted';
        END IF;
        IF OLD.status <> 'OPEN' THEN
          RAISE EXCEPTION 'appeal % was ruled already', OLD.id;
        END IF;
        IF NEW.supplier_id <> OLD.supplier_id OR NEW.target_kind <> OLD.target_kind OR NEW.target_id <> OLD.target_id
           OR NEW.statement <> OLD.statement OR NEW.evidence_urls <> OLD.evidence_urls OR NEW.decide_by <> OLD.decide_by
           OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at THEN
          RAISE EXCEPTION 'an appeal keeps what was appealed; only its ruling is written';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER appeals_rule_once BEFORE UPDATE OR DELETE ON appeals FOR EACH ROW EXECUTE FUNCTION appeals_rule_once()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE appeals`);
    await q.query(`DROP FUNCTION appeals_rule_once()`);
    await q.query(`DELETE FROM events WHERE decision_id IN (SELECT id FROM decisions WHERE kind = 'APPEAL_GRANTED')`);
    await q.query(`ALTER TABLE decisions DISABLE TRIGGER USER`);
    await q.query(`DELETE FROM decisions WHERE kind = 'APPEAL_GRANTED'`);
    await q.query(`ALTER TABLE decisions ENABLE TRIGGER USER`);
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_kind_check`);
    await q.query(`
      ALTER TABLE decisions ADD CONSTRAINT decisions_kind_check CHECK (kind IN ('REWARD','WARNING','PENALTY','REINSTATE','DELIST',
        'ADMIT','REJECT','OVERRIDE','AUDIT_PASSED','AUDIT_FAILED'))`);
    await q.query(`ALTER TABLE policies DROP COLUMN appeal_decision_hours, DROP COLUMN appeal_window_days`);
  }
}
