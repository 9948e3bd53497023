import { pct } from '../../common/text/percent.js';
import { addDays } from '../../common/time/dates.js';
import type { PolicySettings } from '../../policies/domain/policy.js';
import type { ComplaintFigures } from '../../scoring/domain/complaint-rate.js';
import type { Evaluation } from '../../scoring/domain/evaluation.js';
import type { SupplierStatus, Tier } from '../../suppliers/domain/supplier-lifecycle.js';
import { complaintPhrase, decideSanction, heldOn } from './sanctions.js';

type WarningPolicy = Pick<
  PolicySettings,
  | 'rewardThreshold'
  | 'admissionThreshold'
  | 'penaltyThreshold'
  | 'delistThreshold'
  | 'probationDays'
  | 'reinstateMargin'
  | 'complaintRateThreshold'
>;

export interface OverriddenStanding {
  status: SupplierStatus;
  tier: Tier | null;
  probationEndsAt: string | null;
  holdUntil: string | null;
  auditFailedOn: string | null;
}

/**
 * What a manager is told after an override (PRODUCT.md, Trust rules): whether the supplier's
 * current evaluation, under the same rules as a run, would make the next run sanction it (a
 * delisting, a probation or a warning; a reward or a reinstatement is no cause for warning), and
 * whether the hold stops that until its date. Empty when nothing would happen.
 */
export function overrideWarnings(
  policy: WarningPolicy,
  standing: OverriddenStanding,
  evaluation: Evaluation,
  today: string,
  complaints: ComplaintFigures | null = null,
): string[] {
  const unheld = decideSanction(policy, {
    status: standing.status,
    storedTier: standing.tier,
    probationEndsAt: standing.probationEndsAt,
    asOf: today,
    evaluation,
    auditFailedOn: standing.auditFailedOn,
    holdUntil: null,
    complaints,
  });
  const rate = evaluation.rate === null ? null : pct(evaluation.rate);
  let warning: string;
  switch (unheld.decision) {
    case null:
    case 'REWARD':
    case 'REINSTATE':
      return [];
    case 'DELIST':
      warning =
        rate !== null && evaluation.rate! < policy.delistThreshold
          ? `At today's rate ${rate} (below the delisting bar ${pct(policy.delistThreshold)}) the next scoring run would delist this supplier`
          : `The next scoring run would delist this supplier: ${unheld.reason}`;
      break;
    case 'PENALTY':
      if (unheld.complaints) {
        warning = `At today's complaint rate (${complaintPhrase(unheld.complaints)}) the next scoring run would put this supplier on probation`;
        break;
      }
      warning = `At today's rate ${rate} (below the penalty bar ${pct(policy.penaltyThreshold)}) the next scoring run would put this supplier on probation`;
      break;
    case 'WARNING':
      warning = `At today's rate ${rate} (below the admission bar ${pct(policy.admissionThreshold)}) the next scoring run would warn this supplier`;
      break;
  }
  // The next run is tomorrow's, as of the new day.
  if (heldOn(standing.holdUntil, addDays(today, 1))) {
    return [
      `${warning}; the hold until ${standing.holdUntil} prevents it until then, and the first run after it will act if the rate has not recovered.`,
    ];
  }
  return [`${warning}.`];
}
