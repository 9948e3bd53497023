import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoring runs write a snapshot per supplier and, on a first run, tens of thousands of decisions
 * with their events. Three costs went (measured in bench/README.md):
 * - an event's payload copied its decision; decisions are never updated, so readers now join the
 *   decision (`events.decision_id`, unique, is the link) and nothing is written twice;
 * - every snapshot and automated decision checked its run by a foreign-key trigger that also
 *   key-share-locked the one `scoring_runs` row from all workers at once. The run's id comes
 *   from the row the run inserted before writing anything, and runs are never deleted.
 * - snapshots and events checked their supplier (and events their decision) the same way. A
 *   snapshot is written for a supplier the run has just read, an event for a decision inserted in
 *   the same transaction and joined to its supplier; suppliers and decisions are never deleted
 *   (see DropReviewForeignKeys).
 * - the snapshots' key led with the supplier, so each night's 100,000 inserts landed on random
 *   pages of an index that grows by that much every day. Led by the date, they append.
 */
export class LightenRunWrites1764097200000 implements MigrationInterface {
  name = 'LightenRunWrites1764097200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events DROP COLUMN payload`);
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_run_id_fkey`);
    await q.query(`ALTER TABLE score_snapshots DROP CONSTRAINT score_snapshots_run_id_fkey`);
    await q.query(`ALTER TABLE score_snapshots DROP CONSTRAINT score_snapshots_supplier_id_fkey`);
    await q.query(`ALTER TABLE events DROP CONSTRAINT events_supplier_id_fkey`);
    await q.query(`ALTER TABLE events DROP CONSTRAINT events_decision_id_fkey`);
    await q.query(`ALTER TABLE score_snapshots DROP CONSTRAINT score_snapshots_pkey, ADD PRIMARY KEY (as_of, supplier_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE score_snapshots DROP CONSTRAINT score_snapshots_pkey, ADD PRIMARY KEY (supplier_id, as_of)`);
    await q.query(`ALTER TABLE events ADD CONSTRAINT events_decision_id_fkey FOREIGN KEY (decision_id) REFERENCES decisions (id)`);
    await q.query(`ALTER TABLE events ADD CONSTRAINT events_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES suppliers (id)`);
    await q.query(
      `ALTER TABLE score_snapshots ADD CONSTRAINT score_snapshots_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES suppliers (id)`,
    );
    await q.query(
      `ALTER TABLE score_snapshots ADD CONSTRAINT score_snapshots_run_id_fkey FOREIGN KEY (run_id) REFERENCES scoring_runs (id)`,
    );
    await q.query(`ALTER TABLE decisions ADD CONSTRAINT decisions_run_id_fkey FOREIGN KEY (run_id) REFERENCES scoring_runs (id)`);
    await q.query(`ALTER TABLE events ADD COLUMN payload jsonb`);
    // The payload as the API served it (DecisionResponseDto), rebuilt from the decision.
    await q.query(`
      UPDATE events e SET payload = jsonb_build_object(
        'id', d.id, 'supplierId', d.supplier_id, 'kind', d.kind, 'fromStatus', d.from_status, 'toStatus', d.to_status,
        'asOf', to_char(d.as_of, 'YYYY-MM-DD'), 'policyVersion', d.policy_version, 'evidence', d.evidence, 'reason', d.reason,
        'nextStep', d.next_step, 'actor', d.actor,
        'createdAt', to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
        FROM decisions d WHERE d.id = e.decision_id`);
    await q.query(`ALTER TABLE events ALTER COLUMN payload SET NOT NULL`);
  }
}
