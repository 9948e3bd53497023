import type { Policy } from '../../policies/domain/policy.js';
import type { Evaluation } from '../../scoring/domain/evaluation.js';

/** What a decision rests on, stored with it so it can be read and checked later. */
export function evidenceOf(evaluation: Evaluation, policy: Policy): Record<string, unknown> {
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
      reinstate: policy.admissionThreshold + policy.reinstateMargin,
    },
    minReviews: policy.minReviews,
    positiveMinRating: policy.positiveMinRating,
  };
}
