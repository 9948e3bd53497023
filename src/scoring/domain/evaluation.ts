import type { PolicySettings } from '../../policies/domain/policy.js';
import type { Tier } from '../../suppliers/domain/supplier-lifecycle.js';
import { rawRate, wilsonLowerBound } from './rates.js';

/**
 * Rolling windows, the evaluation window and the tier (PRODUCT.md: Window, Rate, Evaluation
 * window, Tier). Plain functions over counts; the database only supplies the counts.
 */

const DAY_MS = 86_400_000;

/** `W` days as of `D`: reviews with reviewedAt in [D − W days, D), bounds at 00:00 UTC. */
export function windowBounds(asOf: string, days: number): { from: Date; to: Date } {
  const to = new Date(`${asOf}T00:00:00.000Z`);
  return { from: new Date(to.getTime() - days * DAY_MS), to };
}

export function inWindow(reviewedAt: Date, asOf: string, days: number): boolean {
  const { from, to } = windowBounds(asOf, days);
  return reviewedAt.getTime() >= from.getTime() && reviewedAt.getTime() < to.getTime();
}

export interface WindowCounts {
  n: number;
  positives: number;
}

export interface WindowStats extends WindowCounts {
  days: number;
  rawRate: number | null;
  wilsonLower: number | null;
}

export function windowStats(days: number, counts: WindowCounts, confidence: number): WindowStats {
  return {
    days,
    n: counts.n,
    positives: counts.positives,
    rawRate: rawRate(counts.positives, counts.n),
    wilsonLower: wilsonLowerBound(counts.positives, counts.n, confidence),
  };
}

type TierPolicy = Pick<PolicySettings, 'rewardThreshold' | 'admissionThreshold' | 'penaltyThreshold'>;

/** EXCELLENT ≥ reward > GOOD ≥ admission > WATCH ≥ penalty > POOR. */
export function tierFor(rate: number, policy: TierPolicy): Exclude<Tier, 'INSUFFICIENT_DATA'> {
  if (rate >= policy.rewardThreshold) return 'EXCELLENT';
  if (rate >= policy.admissionThreshold) return 'GOOD';
  if (rate >= policy.penaltyThreshold) return 'WATCH';
  return 'POOR';
}

export interface Evaluation {
  /** The window decisions use, or null when no evaluation window has minReviews reviews. */
  windowDays: number | null;
  n: number;
  positives: number;
  rawRate: number | null;
  wilsonLower: number | null;
  /** The rate decisions use (raw or Wilson, per the policy), null with INSUFFICIENT_DATA. */
  rate: number | null;
  tier: Tier;
}

type EvaluationPolicy = Pick<
  PolicySettings,
  'evaluationWindows' | 'minReviews' | 'rateMethod' | 'confidence' | 'rewardThreshold' | 'admissionThreshold' | 'penaltyThreshold'
>;

/** Whether a window holds enough reviews to decide on: minReviews of them, and at least one. */
export function decides(counts: WindowCounts, policy: Pick<PolicySettings, 'minReviews'>): boolean {
  return counts.n >= policy.minReviews && counts.n > 0;
}

/** The first evaluation window (shortest first) with at least minReviews reviews decides. */
export function evaluate(policy: EvaluationPolicy, countsByDays: ReadonlyMap<number, WindowCounts>): Evaluation {
  for (const days of policy.evaluationWindows) {
    const counts = countsByDays.get(days) ?? { n: 0, positives: 0 };
    if (decides(counts, policy)) {
      const stats = windowStats(days, counts, policy.confidence);
      const rate = policy.rateMethod === 'WILSON' ? stats.wilsonLower! : stats.rawRate!;
      return {
        windowDays: days,
        n: stats.n,
        positives: stats.positives,
        rawRate: stats.rawRate,
        wilsonLower: stats.wilsonLower,
        rate,
        tier: tierFor(rate, policy),
      };
    }
  }
  const longest = policy.evaluationWindows[policy.evaluationWindows.length - 1];
  const counts = countsByDays.get(longest) ?? { n: 0, positives: 0 };
  return {
    windowDays: null,
    n: counts.n,
    positives: counts.positives,
    rawRate: rawRate(counts.positives, counts.n),
    wilsonLower: wilsonLowerBound(counts.positives, counts.n, policy.confidence),
    rate: null,
    tier: 'INSUFFICIENT_DATA',
  };
}

/** Every window length a policy needs counted: the reported ones and the evaluation ones. */
export function windowsToCount(policy: Pick<PolicySettings, 'windows' | 'evaluationWindows'>): number[] {
  return [...new Set([...policy.windows, ...policy.evaluationWindows])].sort((a, b) => a - b);
}
