import { pct } from '../../common/text/percent.js';
import { addDays } from '../../common/time/dates.js';
import { type PolicySettings, reinstatementBar } from '../../policies/domain/policy.js';
import type { Evaluation } from '../../scoring/domain/evaluation.js';
import type { SupplierStatus, Tier } from '../../suppliers/domain/supplier-lifecycle.js';

/**
 * The sanction state machine (PRODUCT.md, Sanctions and Trust rules): what one scoring run does
 * to one supplier. At most one decision, the first rule that applies, in the order below.
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
}

type SanctionPolicy = Pick<
  PolicySettings,
  'rewardThreshold' | 'admissionThreshold' | 'penaltyThreshold' | 'delistThreshold' | 'probationDays' | 'reinstateMargin'
>;

/** Whether a hold stops the runs dated `asOf`: through holdUntil itself, so the shortest hold (to tomorrow) covers tomorrow's run. */
export function heldOn(holdUntil: string | null, asOf: string): boolean {
  return holdUntil !== null && asOf <= holdUntil;
}

export function decideSanction(policy: SanctionPolicy, input: SanctionInput): SanctionOutcome {
  const { status, storedTier, probationEndsAt, asOf, evaluation, auditFailedOn, holdUntil } = input;
  const unchanged: SanctionOutcome = { decision: null, status, tier: storedTier, probationEndsAt, holdUntil, reason: null };
  // Only live suppliers are governed by runs; SUSPENDED is a manager's call alone.
  if (status !== 'ACTIVE' && status !== 'PROBATION') return unchanged;

  const sufficient = evaluation.tier !== 'INSUFFICIENT_DATA' && evaluation.rate !== null;
  const tier = sufficient ? evaluation.tier : storedTier;
  // A person's override holds as long as they said: no decision at all, not even a delisting below
  // the bar or the end of a probation; the tier still follows the reviews.
  if (heldOn(holdUntil, asOf)) return { ...unchanged, tier };
  const auditStands = auditFailedOn !== null;
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

  if (sufficient && rate < policy.delistThreshold) {
    return result('DELIST', 'DELISTED', null, `Rate ${pct(rate)}${where} is below the delisting bar of ${pct(policy.delistThreshold)}.`);
  }
  if (status === 'PROBATION' && sufficient && rate >= reinstatementBar(policy) && !auditStands) {
    return result(
      'REINSTATE',
      'ACTIVE',
      null,
      `Rate ${pct(rate)}${where} recovered to at least ${pct(reinstatementBar(policy))} (admission bar plus a ${pct(policy.reinstateMargin)} margin).`,
    );
  }
  if (status === 'PROBATION' && probationEndsAt !== null && asOf >= probationEndsAt) {
    return result(
      'DELIST',
      'DELISTED',
      null,
      auditStands
        ? `Probation ended on ${probationEndsAt} without a passing re-audit: the failed audit of ${auditFailedOn} still stands, and reviews alone do not reinstate${sufficient ? ` (rate ${pct(rate)}${where})` : ''}.`
        : sufficient
          ? `Probation ended on ${probationEndsAt} without recovery: rate ${pct(rate)}${where} is below the reinstatement bar of ${pct(reinstatementBar(policy))}.`
          : `Probation ended on ${probationEndsAt} without enough reviews to show recovery.`,
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
  if (evaluation.tier === 'EXCELLENT' && storedTier !== 'EXCELLENT' && !auditStands) {
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
