import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `decision_log`: every decision with its evidence, for people who read the database rather than
 * the API (analysts, auditors, a reporting replica). Since EvidenceByReference a scoring run's
 * decision stores no copy of its evidence; this view builds it from the run's snapshot and the
 * policy version, in the shape `evidenceOf` gives the API (a test holds the two equal for every
 * decision of the governance story). Decisions that store their evidence show it as stored.
 */
export class DecisionLogView1764129600000 implements MigrationInterface {
  name = 'DecisionLogView1764129600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW decision_log AS
      SELECT d.id, d.seq, d.supplier_id, d.kind, d.from_status, d.to_status, d.as_of, d.policy_version,
             COALESCE(d.evidence, CASE WHEN p.version IS NOT NULL THEN json_build_object(
               'windowDays', s.window_days, 'n', s.n, 'positives', s.positives, 'rawRate', s.raw_rate, 'wilsonLower', s.wilson_lower,
               'rate', s.rate, 'rateMethod', p.rate_method, 'tier', s.tier,
               'thresholds', json_build_object('reward', p.reward_threshold, 'admission', p.admission_threshold, 'penalty', p.penalty_threshold,
                                               'delist', p.delist_threshold, 'reinstate', p.admission_threshold + p.reinstate_margin),
               'minReviews', p.min_reviews, 'positiveMinRating', p.positive_min_rating) END) AS evidence,
             d.reason, d.next_step, d.actor, d.run_id, d.audit_id, d.created_at
        FROM decisions d
        LEFT JOIN score_snapshots s ON d.evidence IS NULL AND d.run_id IS NOT NULL AND s.as_of = d.as_of AND s.supplier_id = d.supplier_id
        LEFT JOIN suppliers x ON s.supplier_id IS NOT NULL AND x.id = d.supplier_id
        LEFT JOIN policies p ON p.category = x.category AND p.version = d.policy_version`);
    await q.query(
      `COMMENT ON VIEW decision_log IS 'Every decision with its evidence: stored, or built from the scoring run''s snapshot and the policy version'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW decision_log`);
  }
}
