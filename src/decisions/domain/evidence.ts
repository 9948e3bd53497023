import { type PolicySettings, reinstatementBar } from '../../policies/domain/policy.js';
import type { Tier } from '../../suppliers/domain/supplier-lifecycle.js';

/** What evidence records of an evaluation (scoring's `Evaluation` has this shape). */
export interface EvidenceEvaluation {
  windowDays: number | null;
  n: number;
  positives: number;
  rawRate: number | null;
  wilsonLower: number | null;
  rate: number | null;
  tier: Tier;
}

/** The settings of a policy that a decision's evidence names. */
export type EvidencePolicy = Pick<
  PolicySettings,
  | 'rateMethod'
  | 'rewardThreshold'
  | 'admissionThreshold'
  | 'penaltyThreshold'
  | 'delistThreshold'
  | 'reinstateMargin'
  | 'minReviews'
  | 'positiveMinRating'
>;

/**
 * What a decision rests on: the evaluation and the policy's bars. Stored with admission decisions;
 * a scoring run's decisions refer to the run's snapshot and policy version instead, and readers
 * build the same object from those (src/decisions/decision-evidence.ts).
 */
export function evidenceOf(evaluation: EvidenceEvaluation, policy: EvidencePolicy): Record<string, unknown> {
  return {
    windowDays: evaluation.windowDays,
    n: evaluation.n,
    positives: evaluation.positives,
    rawRate: evaluation.rawRate,
    wilsonLower: evaluation.wilsonLower,
    rate: evaluation.rate,
    rateMethod: policy.rateMethod,
    tier: evaluation.tier,
    thresholds: {
      reward: policy.rewardThreshold,
      admission: policy.admissionThreshold,
      penalty: policy.penaltyThreshold,
      delist: policy.delistThreshold,
      reinstate: reinstatementBar(policy),
    },
    minReviews: policy.minReviews,
    positiveMinRating: policy.positiveMinRating,
  };
}
