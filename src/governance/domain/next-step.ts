import { pct } from '../../common/text/percent.js';
import { type PolicySettings, reinstatementBar } from '../../policies/domain/policy.js';
import type { Evaluation } from '../../scoring/domain/evaluation.js';
import { wilsonLowerBound } from '../../scoring/domain/rates.js';

/**
 * "What the supplier needs": how many more positive reviews, with no new negative ones, lift the
 * decision rate of the evaluation window to a bar. Plain arithmetic for RAW, a search for WILSON.
 */
export function positivesNeeded(
  positives: number,
  n: number,
  bar: number,
  policy: Pick<PolicySettings, 'rateMethod' | 'confidence'>,
): number | null {
  const rateAfter = (k: number) =>
    policy.rateMethod === 'WILSON' ? wilsonLowerBound(positives + k, n + k, policy.confidence)! : (positives + k) / (n + k);
  if (n > 0 && rateAfter(0) >= bar) return 0;
  if (bar >= 1) return null; // a perfect rate is reached only by a window of positives alone
  if (policy.rateMethod === 'RAW') return Math.max(n === 0 ? 1 : 0, Math.ceil((bar * n - positives) / (1 - bar) - 1e-9));
  let high = 1;
  while (rateAfter(high) < bar) {
    high *= 2;
    if (high > 1e9) return null;
  }
  let low = 0;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (rateAfter(mid) >= bar) high = mid;
    else low = mid;
  }
  return high;
}

type StepPolicy = Pick<
  PolicySettings,
  | 'rateMethod'
  | 'confidence'
  | 'rewardThreshold'
  | 'admissionThreshold'
  | 'penaltyThreshold'
  | 'reinstateMargin'
  | 'minReviews'
  | 'evaluationWindows'
>;

/** A plain sentence saying what reaches the next tier (or, on probation, reinstatement). */
export function nextStep(evaluation: Evaluation, policy: StepPolicy, onProbation: boolean): string {
  if (evaluation.tier === 'INSUFFICIENT_DATA' || evaluation.windowDays === null) {
    const shortest = policy.evaluationWindows[0];
    return `Needs at least ${policy.minReviews} reviews in the last ${shortest} days to be rated (has ${evaluation.n} over ${policy.evaluationWindows[policy.evaluationWindows.length - 1]} days).`;
  }
  const targets: Array<[string, number]> = onProbation
    ? [['reinstatement', Math.min(1, reinstatementBar(policy))]]
    : evaluation.tier === 'POOR'
      ? [
          ['WATCH', policy.penaltyThreshold],
          ['GOOD', policy.admissionThreshold],
        ]
      : evaluation.tier === 'WATCH'
        ? [['GOOD', policy.admissionThreshold]]
        : evaluation.tier === 'GOOD'
          ? [['EXCELLENT', policy.rewardThreshold]]
          : [];
  if (targets.length === 0) {
    return `Keep the ${policy.rateMethod === 'WILSON' ? 'Wilson-bounded' : 'positive'} rate at or above ${pct(policy.rewardThreshold)} to stay EXCELLENT (now ${pct(evaluation.rate!)}).`;
  }
  const [label, bar] = targets[0];
  const k = positivesNeeded(evaluation.positives, evaluation.n, bar, policy);
  const what =
    k === null
      ? `a rate of ${pct(bar)} cannot be reached by new positive reviews alone`
      : `${k} more positive review${k === 1 ? '' : 's'} with no new negative one`;
  return `To reach ${label} (${pct(bar)}) in the ${evaluation.windowDays}-day window: ${what} (now ${evaluation.positives}/${evaluation.n} = ${pct(evaluation.rate!)}).`;
}
