import type { RateMethod } from '../policies/domain/policy.js';
import type { Tier } from '../suppliers/domain/supplier-lifecycle.js';
import { evidenceOf } from './domain/evidence.js';

/**
 * A scoring run's decision is stored with `evidence` NULL: its evidence is the run's snapshot of
 * the supplier for the decision's date, read with the policy version the decision names (see the
 * migration EvidenceByReference; the database refuses to change either). These pieces let a query
 * over `decisions` serve it: `referencedEvidenceJoins` joins the two only for such decisions,
 * `REFERENCED_EVIDENCE_COLUMNS` selects what `evidenceOfRow` needs.
 */
export function referencedEvidenceJoins(decision: string, category: string): string {
  return `LEFT JOIN score_snapshots ev_s ON ${decision}.evidence IS NULL AND ${decision}.run_id IS NOT NULL
                                    AND ev_s.as_of = ${decision}.as_of AND ev_s.supplier_id = ${decision}.supplier_id
          LEFT JOIN policies ev_p ON ev_s.supplier_id IS NOT NULL AND ev_p.category = ${category} AND ev_p.version = ${decision}.policy_version`;
}

export const REFERENCED_EVIDENCE_COLUMNS = `ev_s.window_days AS ev_window_days, ev_s.n AS ev_n, ev_s.positives AS ev_positives, ev_s.raw_rate AS ev_raw_rate,
  ev_s.wilson_lower AS ev_wilson_lower, ev_s.rate AS ev_rate, ev_s.tier AS ev_tier, ev_p.rate_method AS ev_rate_method,
  ev_p.reward_threshold AS ev_reward_threshold, ev_p.admission_threshold AS ev_admission_threshold, ev_p.penalty_threshold AS ev_penalty_threshold,
  ev_p.delist_threshold AS ev_delist_threshold, ev_p.reinstate_margin AS ev_reinstate_margin, ev_p.min_reviews AS ev_min_reviews,
  ev_p.positive_min_rating AS ev_positive_min_rating`;

/** A row holding `evidence` and `REFERENCED_EVIDENCE_COLUMNS`. */
export interface EvidenceRow {
  evidence: Record<string, unknown> | null;
  ev_window_days: number | null;
  ev_n: number | null;
  ev_positives: number | null;
  ev_raw_rate: number | null;
  ev_wilson_lower: number | null;
  ev_rate: number | null;
  ev_tier: Tier | null;
  ev_rate_method: RateMethod | null;
  ev_reward_threshold: number | null;
  ev_admission_threshold: number | null;
  ev_penalty_threshold: number | null;
  ev_delist_threshold: number | null;
  ev_reinstate_margin: number | null;
  ev_min_reviews: number | null;
  ev_positive_min_rating: number | null;
}

/** The decision's evidence: as stored, or built from the snapshot and policy it refers to. */
export function evidenceOfRow(r: EvidenceRow): Record<string, unknown> | null {
  if (r.evidence !== null) return r.evidence;
  if (r.ev_tier === null || r.ev_rate_method === null) return null;
  return evidenceOf(
    {
      windowDays: r.ev_window_days,
      n: r.ev_n!,
      positives: r.ev_positives!,
      rawRate: r.ev_raw_rate,
      wilsonLower: r.ev_wilson_lower,
      rate: r.ev_rate,
      tier: r.ev_tier,
    },
    {
      rateMethod: r.ev_rate_method,
      rewardThreshold: r.ev_reward_threshold!,
      admissionThreshold: r.ev_admission_threshold!,
      penaltyThreshold: r.ev_penalty_threshold!,
      delistThreshold: r.ev_delist_threshold!,
      reinstateMargin: r.ev_reinstate_margin!,
      minReviews: r.ev_min_reviews!,
      positiveMinRating: r.ev_positive_min_rating!,
    },
  );
}
