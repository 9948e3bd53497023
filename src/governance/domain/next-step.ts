import { pct } from '../../common/text/percent.js';
import { type PolicySettings, reinstatementBar } from '../../policies/domain/policy.js';
import type { Evaluation } from '../../scoring/domain/evaluation.js';
import { wilsonLowerBound } from '../../scoring/domain/rates.js';
import type { SupplierStatus } from '../../suppliers/domain/supplier-lifecycle.js';
import type { ComplaintEvidence } from './sanctions.js';

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

export type StepPolicy = Pick<
  PolicySettings,
  | 'rateMethod'
  | 'confidence'
  | 'rewardThreshold'
  | 'admissionThreshold'
  | 'penaltyThreshold'
  | 'reinstateMargin'
  | 'minReviews'
  | 'evaluationWindows'
  | 'delistThreshold'
>;

/** Where a decision (or an application) leaves the supplier. */
export interface StepStanding {
  status: SupplierStatus;
  /** PROBATION: the date it ends. */
  probationEndsAt?: string | null;
  /** REJECTED or DELISTED: the first date a new application may be made; null when it may be made now. */
  mayApplyFrom?: string | null;
  /** When the latest accepted audit failed, its date: then only a passing re-audit reinstates. */
  auditFailedOn?: string | null;
  /** The complaint rate when it is at or above the bar (it put or keeps the supplier on probation). */
  complaints?: ComplaintEvidence | null;
}

/**
 * "The next step aims at the bar that matters" (PRODUCT.md, Trust rules): one plain sentence or
 * two saying what the supplier needs, by where the decision leaves it.
 * - An applicant (pending) and a rejected or delisted supplier: admission (`admissionThreshold`),
 *   never a lesser tier; the rejected and delisted also learn from which date they may apply again.
 * - On probation: reinstatement (`admissionThreshold + reinstateMargin`) before probation ends;
 *   while the latest accepted audit failed, a passing re-audit (reviews alone do not reinstate);
 *   while the supplier-fault complaint rate is at or above its bar, the rate it must get under.
 * - Suspended: only a manager lifts a suspension; runs leave it alone.
 * - Active: the next tier up (WATCH clears a warning at GOOD), or staying EXCELLENT.
 */
export function nextStep(standing: StepStanding, evaluation: Evaluation, policy: StepPolicy): string {
  switch (standing.status) {
    case 'APPLICANT':
      return toReach('admission', policy.admissionThreshold, evaluation, policy);
    case 'REJECTED':
    case 'DELISTED': {
      const from = standing.mayApplyFrom ? `May apply again from ${standing.mayApplyFrom}` : 'May apply again now';
      return `${from}; admission will need ${admissionNeeds(evaluation, policy)}`;
    }
    case 'PROBATION': {
      if (standing.auditFailedOn) return reauditStep(standing.auditFailedOn, standing.probationEndsAt ?? null, policy);
      const ends = standing.probationEndsAt
        ? ` Probation ends on ${standing.probationEndsAt}: not reinstated by then, the supplier is delisted.`
        : '';
      const complaints = standing.complaints ? `${complaintStep(standing.complaints)} ` : '';
      return `${complaints}${toReach('reinstatement', Math.min(1, reinstatementBar(policy)), evaluation, policy)}${ends}`;
    }
    case 'SUSPENDED':
      return 'Suspended by a manager: scoring runs leave the supplier as it is until a manager lifts the suspension.';
    case 'ACTIVE':
      return activeStep(evaluation, policy);
  }
}

/** On probation while an audit failure stands (PRODUCT.md, Trust rules: an audit outweighs the reviews it contradicts). */
function reauditStep(auditFailedOn: string, probationEndsAt: string | null, policy: StepPolicy): string {
  return (
    `Only a passing re-audit reinstates: the audit of ${auditFailedOn} failed, and reviews alone do not outweigh it. ` +
    `${probationEndsAt === null ? 'Without one' : `Without one by ${probationEndsAt}`} the supplier is delisted (at once if its rate falls below ${pct(policy.delistThreshold)}).`
  );
}

/**
 * The most supplier-fault complaints that keep the rate below the threshold at a number of
 * orders: the largest k with k / orders < threshold (checked by the same division the rule makes).
 */
export function complaintsAllowed(orders: number, threshold: number): number {
  let k = Math.max(0, Math.ceil(threshold * orders) - 1);
  while ((k + 1) / orders < threshold) k++;
  while (k >= 0 && k / orders >= threshold) k--;
  return k;
}

/** On probation held by complaints: the rate to get under, and what that means at today's orders. */
function complaintStep(c: ComplaintEvidence): string {
  const allowed = complaintsAllowed(c.orders, c.threshold);
  return (
    `Reinstatement needs the supplier-fault complaint rate over ${c.windowDays} days below ${pct(c.threshold)} ` +
    `(now ${pct(c.rate!)}: ${c.supplierFault} in ${c.orders} orders; at ${c.orders} orders at most ${allowed} supplier-fault complaint${allowed === 1 ? '' : 's'}).`
  );
}

function activeStep(evaluation: Evaluation, policy: StepPolicy): string {
  switch (evaluation.tier) {
    case 'INSUFFICIENT_DATA':
      return `${needsReviews(evaluation, policy)} to be rated.`;
    case 'POOR':
      return toReach('WATCH', policy.penaltyThreshold, evaluation, policy);
    case 'WATCH':
      return toReach('GOOD', policy.admissionThreshold, evaluation, policy);
    case 'GOOD':
      return toReach('EXCELLENT', policy.rewardThreshold, evaluation, policy);
    case 'EXCELLENT':
      return `Keep the ${policy.rateMethod === 'WILSON' ? 'Wilson-bounded' : 'positive'} rate at or above ${pct(policy.rewardThreshold)} to stay EXCELLENT (now ${pct(evaluation.rate!)}).`;
  }
}

/** A supplier is rated once one evaluation window holds minReviews reviews; the longest is the easiest to fill. */
function needsReviews(evaluation: Evaluation, policy: StepPolicy): string {
  const longest = policy.evaluationWindows[policy.evaluationWindows.length - 1];
  return `Needs at least ${policy.minReviews} reviews in the last ${longest} days (has ${evaluation.n})`;
}

/** What reaches a bar from the evaluation window's numbers, or, without enough reviews, how many it takes to be rated first. */
function toReach(label: string, bar: number, evaluation: Evaluation, policy: StepPolicy): string {
  if (evaluation.tier === 'INSUFFICIENT_DATA' || evaluation.windowDays === null) {
    return `${needsReviews(evaluation, policy)} to be rated; ${label} then needs a rate of at least ${pct(bar)}.`;
  }
  return `To reach ${label} (${pct(bar)}) in the ${evaluation.windowDays}-day window: ${positivesPhrase(evaluation, bar, policy)} (now ${evaluation.positives}/${evaluation.n} = ${pct(evaluation.rate!)}).`;
}

/** The tail of "admission will need …" for a rejected or delisted supplier. */
function admissionNeeds(evaluation: Evaluation, policy: StepPolicy): string {
  const bar = policy.admissionThreshold;
  if (evaluation.tier === 'INSUFFICIENT_DATA' || evaluation.windowDays === null) {
    const longest = policy.evaluationWindows[policy.evaluationWindows.length - 1];
    return `at least ${policy.minReviews} reviews in the last ${longest} days (has ${evaluation.n}) and a rate of at least ${pct(bar)}.`;
  }
  return `a rate of at least ${pct(bar)} in the ${evaluation.windowDays}-day window: ${positivesPhrase(evaluation, bar, policy)} (now ${evaluation.positives}/${evaluation.n} = ${pct(evaluation.rate!)}).`;
}

function positivesPhrase(evaluation: Evaluation, bar: number, policy: StepPolicy): string {
  const k = positivesNeeded(evaluation.positives, evaluation.n, bar, policy);
  if (k === null) return `a rate of ${pct(bar)} cannot be reached by new positive reviews alone`;
  if (k === 0) return 'the rate already meets it';
  return `${k} more positive review${k === 1 ? '' : 's'} with no new negative one`;
}
