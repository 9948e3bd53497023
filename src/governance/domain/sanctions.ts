import { pct } from '../../common/text/percent.js';
import { addDays } from '../../common/time/dates.js';
import { type PolicySettings, reinstatementBar } from '../../policies/domain/policy.js';
import { type ComplaintFigures, complaintsOverBar } from '../../scoring/domain/complaint-rate.js';
import type { Evaluation } from '../../scoring/domain/evaluation.js';
import type { SupplierStatus, Tier } from '../../suppliers/domain/supplier-lifecycle.js';

/**
 * The sanction state machine (PRODUCT.md, Sanctions, Trust rules and Complaint rate): what one
 * scoring run does to one supplier. At most one decision, the first rule that applies, in the
 * order below: a hold stops all; DELIST below the bar; REINSTATE (not while an audit failure
 * stands or the complaint rate is at or above its bar); DELIST at the end of probation; the
 * complaint PENALTY; then the review rules (PENALTY, REWARD, WARNING).
 */
export type SanctionKind = 'DELIST' | 'REINSTATE' | 'PENALTY' | 'REWARD' | 'WARNING';

export interface SanctionInput {
  status: SupplierStatus;
  /** The tier admission or the last run stored. */
  storedTier: Tier | null;
  probationEndsAt: string | null;
  asOf: string;
  evaluation: Evaluation;
  /**
   * When the supplier's latest accepted audit failed, the date of that audit; null when it passed
   * or there is none. An audit outweighs the reviews it contradicts: no REWARD, no REINSTATE.
   */
  auditFailedOn: string | null;
  /** A manager's hold: runs dated up to and including this date make no sanction decision. */
  holdUntil: string | null;
  /** The complaint rate over the policy's complaint window; absent or null when not read (no orders, no complaints). */
  complaints?: ComplaintFigures | null;
}

/** The complaint figures a decision's evidence names when the complaint rule decided or blocked it. */
export interface ComplaintEvidence extends ComplaintFigures {
  threshold: number;
}

export interface SanctionOutcome {
  /** The decision to record, or null when nothing applies. */
  decision: SanctionKind | null;
  status: SupplierStatus;
  /** Tier to store: the new one, or the stored one when the data was insufficient. */
  tier: Tier | null;
  probationEndsAt: string | null;
  /** The hold to keep: as it was while it holds, null once the run is dated after it (it has run out). */
  holdUntil: string | null;
  /** Why, in words a supplier understands. */
  reason: string | null;
  /** Present only when the complaint rate counted: it decided (PENALTY) or blocked a REINSTATE (or a REWARD). */
  complaints?: ComplaintEvidence;
}

type SanctionPolicy = Pick<
  PolicySettings,
  | 'rewardThreshold'
  | 'admissionThreshold'
  | 'penaltyThreshold'
  | 'delistThreshold'
  | 'probationDays'
  | 'reinstateMargin'
  | 'complaintRateThreshold'
>;

/** "12 supplier-fault complaints in 600 orders over 90 days (2.0%) ≥ 1.0%" */
export function complaintPhrase(c: ComplaintEvidence): string {
  return `${c.supplierFault} supplier-fault complaint${c.supplierFault === 1 ? '' : 's'} in ${c.orders} orders over ${c.windowDays} days (${pct(c.rate!)}) ≥ ${pct(c.threshold)}`;
}

/** Whether a hold stops the runs dated `asOf`: through holdUntil itself, so the shortest hold (to tomorrow) covers tomorrow's run. */
export function heldOn(holdUntil: string | null, asOf: string): boolean {
  return holdUntil !== null && asOf <= holdUntil;
}

export function decideSanction(policy: SanctionPolicy, input: SanctionInput): SanctionOutcome {
  const { status, storedTier, probationEndsAt, asOf, evaluation, auditFailedOn, holdUntil, complaints } = input;
  const unchanged: SanctionOutcome = { decision: null, status, tier: storedTier, probationEndsAt, holdUntil, reason: null };
  // Only live suppliers are governed by runs; SUSPENDED is a manager's call alone.
  if (status !== 'ACTIVE' && status !== 'PROBATION') return unchanged;

  const sufficient = evaluation.tier !== 'INSUFFICIENT_DATA' && evaluation.rate !== null;
  const tier = sufficient ? evaluation.tier : storedTier;
  // A person's override holds as long as they said: no decision at all, not even a delisting below
  // the bar or the end of a probation; the tier still follows the reviews.
  if (heldOn(holdUntil, asOf)) return { ...unchanged, tier };
  const auditStands = auditFailedOn !== null;
  // The second signal: supplier-fault complaints at or above the bar (with enough orders). It
  // does not change the tier; it penalises an ACTIVE supplier and keeps one on probation.
  const complaining = complaintsOverBar(complaints, policy);
  const complaintEvidence: ComplaintEvidence | undefined = complaining
    ? { ...complaints!, threshold: policy.complaintRateThreshold }
    : undefined;
  const rate = evaluation.rate ?? 0;
  const where = sufficient ? ` over the last ${evaluation.windowDays} days (${evaluation.positives}/${evaluation.n} positive)` : '';
  const result = (
    decision: SanctionKind | null,
    newStatus: SupplierStatus,
    ends: string | null,
    reason: string | null,
  ): SanctionOutcome => ({
    decision,
    status: newStatus,
    tier,
    probationEndsAt: ends,
    // Not held on this date: there is no hold, or it has run out and goes.
    holdUntil: null,
    reason,
  });
  const withComplaints = (outcome: SanctionOutcome): SanctionOutcome => ({ ...outcome, complaints: complaintEvidence! });

  if (sufficient && rate < policy.delistThreshold) {
    return result('DELIST', 'DELISTED', null, `Rate ${pct(rate)}${where} is below the delisting bar of ${pct(policy.delistThreshold)}.`);
  }
  const recovered = status === 'PROBATION' && sufficient && rate >= reinstatementBar(policy);
  if (recovered && !auditStands && !complaining) {
    return result(
      'REINSTATE',
      'ACTIVE',
      null,
      `Rate ${pct(rate)}${where} recovered to at least ${pct(reinstatementBar(policy))} (admission bar plus a ${pct(policy.reinstateMargin)} margin).`,
    );
  }
  if (status === 'PROBATION' && probationEndsAt !== null && asOf >= probationEndsAt) {
    const delisted = result(
      'DELIST',
      'DELISTED',
      null,
      auditStands
        ? `Probation ended on ${probationEndsAt} without a passing re-audit: the failed audit of ${auditFailedOn} still stands, and reviews alone do not reinstate${sufficient ? ` (rate ${pct(rate)}${where})` : ''}.`
        : recovered && complaining
          ? `Probation ended on ${probationEndsAt} without recovery: ${complaintPhrase(complaintEvidence!)}, though the rate ${pct(rate)}${where} would reinstate.`
          : sufficient
            ? `Probation ended on ${probationEndsAt} without recovery: rate ${pct(rate)}${where} is below the reinstatement bar of ${pct(reinstatementBar(policy))}.`
            : `Probation ended on ${probationEndsAt} without enough reviews to show recovery.`,
    );
    // The complaints count when they, not the reviews, kept the supplier from reinstatement.
    return recovered && complaining && !auditStands ? withComplaints(delisted) : delisted;
  }
  if (status === 'ACTIVE' && complaining) {
    const ends = addDays(asOf, policy.probationDays);
    return withComplaints(
      result(
        'PENALTY',
        'PROBATION',
        ends,
        `${complaintPhrase(complaintEvidence!)}: on probation until ${ends}${sufficient ? `, whatever the reviews say (rate ${pct(rate)}${where})` : ''}.`,
      ),
    );
  }
  if (!sufficient) return result(null, status, probationEndsAt, null);
  if (status === 'ACTIVE' && evaluation.tier === 'POOR') {
    const ends = addDays(asOf, policy.probationDays);
    return result(
      'PENALTY',
      'PROBATION',
      ends,
      `Rate ${pct(rate)}${where} is below the penalty bar of ${pct(policy.penaltyThreshold)}: on probation until ${ends}.`,
    );
  }
  // A supplier kept on probation by its complaints is not rewarded for its reviews either.
  if (evaluation.tier === 'EXCELLENT' && storedTier !== 'EXCELLENT' && !auditStands && !complaining) {
    return result('REWARD', status, probationEndsAt, `Rate ${pct(rate)}${where} reached the reward bar of ${pct(policy.rewardThreshold)}.`);
  }
  if (status === 'ACTIVE' && evaluation.tier === 'WATCH' && storedTier !== 'WATCH') {
    return result(
      'WARNING',
      status,
      probationEndsAt,
      `Rate ${pct(rate)}${where} fell below the admission bar of ${pct(policy.admissionThreshold)}; below ${pct(policy.penaltyThreshold)} means probation.`,
    );
  }
  return result(null, status, probationEndsAt, null);
}
