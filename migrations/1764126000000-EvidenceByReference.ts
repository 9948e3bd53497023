import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A scoring run's decision keeps its evidence by reference. The evidence of such a decision is
 * the run's snapshot of the supplier for that date (window, counts, rates, tier) read with the
 * policy version it names (rate method, thresholds, minimum reviews, positive bar). Both are
 * already stored, so writing them again into every decision as JSON (about 280 bytes; 83,000
 * decisions in a first run) cost a first run some 8% (bench/README.md). Such decisions are now
 * written with `evidence` NULL, and readers (the decision list, events and webhooks) join the
 * snapshot and the policy and serve the same object as before. Decisions written with their
 * evidence keep it; decisions that are not a run's (admission, overrides, audits) still store it.
 *
 * What the reference points at must not change, so the database guards it as it guards the
 * decision log (GuardDecisionLog): snapshots and policy versions refuse UPDATE and DELETE, and a
 * supplier's category (which names its policy) refuses to change.
 *
 * Down writes every referenced evidence back into its decision, built as `evidenceOf` built it
 * when this migration was written, and lifts the guards.
 */
export class EvidenceByReference1764126000000 implements MigrationInterface {
  name = 'EvidenceByReference1764126000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION keep_written_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are never changed once written (decision evidence refers to them): % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(
      `CREATE TRIGGER score_snapshots_keep_written BEFORE UPDATE OR DELETE ON score_snapshots FOR EACH ROW EXECUTE FUNCTION keep_written_rows()`,
    );
    await q.query(
      `CREATE TRIGGER policies_keep_written BEFORE UPDATE OR DELETE ON policies FOR EACH ROW EXECUTE FUNCTION keep_written_rows()`,
    );
    await q.query(`
      CREATE FUNCTION suppliers_keep_category() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a supplier''s category never changes (decision evidence refers to its policy): % of supplier % refused', TG_OP, OLD.id
          USING ERRCODE = 'restrict_violation';
      END $$`);
    // Fires only for an UPDATE that names the column (a scoring run's does not), and only when the value changes.
    await q.query(`
      CREATE TRIGGER suppliers_keep_category BEFORE UPDATE OF category ON suppliers
        FOR EACH ROW WHEN (OLD.category IS DISTINCT FROM NEW.category) EXECUTE FUNCTION suppliers_keep_category()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decisions DISABLE TRIGGER decisions_append_only`);
    await q.query(`
      UPDATE decisions d
         SET evidence = json_build_object(
               'windowDays', s.window_days, 'n', s.n, 'positives', s.positives, 'rawRate', s.raw_rate, 'wilsonLower', s.wilson_lower,
               'rate', s.rate, 'rateMethod', p.rate_method, 'tier', s.tier,
               'thresholds', json_build_object('reward', p.reward_threshold, 'admission', p.admission_threshold, 'penalty', p.penalty_threshold,
                                               'delist', p.delist_threshold, 'reinstate', p.admission_threshold + p.reinstate_margin),
               'minReviews', p.min_reviews, 'positiveMinRating', p.positive_min_rating)
        FROM score_snapshots s, suppliers x, policies p
       WHERE d.evidence IS NULL AND d.run_id IS NOT NULL
         AND s.as_of = d.as_of AND s.supplier_id = d.supplier_id
         AND x.id = d.supplier_id AND p.category = x.category AND p.version = s.policy_version`);
    await q.query(`ALTER TABLE decisions ENABLE TRIGGER decisions_append_only`);
    await q.query(`DROP TRIGGER suppliers_keep_category ON suppliers`);
    await q.query(`DROP FUNCTION suppliers_keep_category()`);
    await q.query(`DROP TRIGGER policies_keep_written ON policies`);
    await q.query(`DROP TRIGGER score_snapshots_keep_written ON score_snapshots`);
    await q.query(`DROP FUNCTION keep_written_rows()`);
  }
}
