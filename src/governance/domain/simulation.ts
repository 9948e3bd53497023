import type { PolicySettings } from '../../policies/domain/policy.js';
import type { ComplaintFigures } from '../../scoring/domain/complaint-rate.js';
import type { Evaluation } from '../../scoring/domain/evaluation.js';
import type { SupplierStatus, Tier } from '../../suppliers/domain/supplier-lifecycle.js';
import { admissionOutcome, admissionReason } from './admission.js';
import type { ComplaintEvidence, SanctionOutcome } from './sanctions.js';

/** What a simulation says a supplier would be decided: the kind and the reason the decision would carry. */
export interface SimulatedDecision {
  decision: string | null;
  reason: string | null;
}

/**
 * What a draft would decide for a supplier: for a live supplier the run's sanction (its reason is
 * the text the run's decision carries); for an applicant what an application would decide now
 * (ADMIT or REJECT with the admission's reason; none while it lacks evidence).
 */
export function simulatedDecision(
  status: SupplierStatus,
  evaluation: Evaluation,
  outcome: SanctionOutcome,
  policy: Pick<PolicySettings, 'admissionThreshold' | 'minReviews' | 'evaluationWindows'>,
): SimulatedDecision {
  if (status !== 'APPLICANT') return { decision: outcome.decision, reason: outcome.reason };
  const admission = admissionOutcome(evaluation);
  if (admission === 'PENDING_EVIDENCE') return { decision: null, reason: null };
  return { decision: admission === 'ADMITTED' ? 'ADMIT' : 'REJECT', reason: admissionReason(admission, evaluation, policy) };
}

/**
 * Whether a simulation lists a supplier under `changesOnly`: it would get a decision, or its tier
 * would differ from the one stored. A supplier with no stored tier (an applicant never scored)
 * that gets no decision is not a change: its first tier replaces nothing.
 */
export function isSimulatedChange(storedTier: Tier | null, simulatedTier: Tier, decision: string | null): boolean {
  return decision !== null || (storedTier !== null && storedTier !== simulatedTier);
}

/**
 * The complaint figures a simulation shows for a supplier: where they count, i.e. with at least
 * the draft's minOrders orders in its complaint window, with the draft's bar; null below it.
 */
export function complaintsShown(
  figures: ComplaintFigures,
  policy: Pick<PolicySettings, 'complaintRateThreshold'>,
): (ComplaintEvidence & { rate: number }) | null {
  return figures.rate === null ? null : { ...figures, rate: figures.rate, threshold: policy.complaintRateThreshold };
}
