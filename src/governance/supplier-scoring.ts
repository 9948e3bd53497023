import type { EntityManager } from 'typeorm';

import type { Policy } from '../policies/domain/policy.js';
import { decidingWindowCounts } from '../scoring/deciding-window-counts.js';
import { type ComplaintFigures, complaintFigures } from '../scoring/domain/complaint-rate.js';
import { evaluate, type Evaluation } from '../scoring/domain/evaluation.js';
import type { ComplaintSignal } from '../scoring/signals/complaint-signal.js';
import type { ReviewSignal } from '../scoring/signals/review-signal.js';
import type { SupplierStatus } from '../suppliers/domain/supplier-lifecycle.js';
import { sameStanding, type StandingOfSupplier, type SupplierStanding } from '../suppliers/suppliers.repository.js';
import { decideSanction, type SanctionOutcome } from './domain/sanctions.js';

/** Statuses a run (or a simulation) scores: live suppliers get sanctions, applicants a tier, suspended ones a snapshot only. */
export const SCORED_STATUSES: readonly SupplierStatus[] = ['APPLICANT', 'ACTIVE', 'PROBATION', 'SUSPENDED'];

export interface ScoredSupplier {
  supplier: StandingOfSupplier;
  policy: Policy;
  evaluation: Evaluation;
  /** The complaint rate over the policy's complaint window. */
  complaints: ComplaintFigures;
  /** What a run does to it: a sanction for live suppliers, a tier refresh for applicants, nothing for the rest. */
  outcome: SanctionOutcome;
}

/** What a run does to a supplier in its current state, given its evaluation (pure). */
export function outcomeFor(
  policy: Policy,
  supplier: StandingOfSupplier,
  evaluation: Evaluation,
  complaints: ComplaintFigures | null,
  asOf: string,
): SanctionOutcome {
  if (supplier.status === 'APPLICANT') {
    return {
      decision: null,
      status: supplier.status,
      tier: evaluation.tier,
      probationEndsAt: supplier.probationEndsAt,
      holdUntil: supplier.holdUntil,
      reason: null,
    };
  }
  return decideSanction(policy, {
    status: supplier.status,
    storedTier: supplier.tier,
    probationEndsAt: supplier.probationEndsAt,
    asOf,
    evaluation,
    auditFailedOn: supplier.auditFailedOn,
    holdUntil: supplier.holdUntil,
    complaints,
  });
}

/** The standing an outcome leaves the supplier in (runs never change the audit standing). */
export function standingAfter(supplier: SupplierStanding, outcome: SanctionOutcome): SupplierStanding {
  return {
    status: outcome.status,
    tier: outcome.tier,
    probationEndsAt: outcome.probationEndsAt,
    holdUntil: outcome.holdUntil,
    auditFailedOn: supplier.auditFailedOn,
  };
}

/**
 * Whether two standings of a supplier agree on everything a run reads and writes: a hold or an
 * audit decision made since the batch was read changes what the run must decide.
 */
export const sameState = sameStanding;

/** Whether applying an outcome writes anything: a decision or a change to the supplier's row. */
export function outcomeActs(supplier: StandingOfSupplier, outcome: SanctionOutcome): boolean {
  return outcome.decision !== null || !sameState(supplier, standingAfter(supplier, outcome));
}

/** The signals a batch is scored on, each read through its port. */
export interface Signals {
  reviews: ReviewSignal;
  complaints: ComplaintSignal;
}

/**
 * Evaluates a batch of suppliers (any mix of categories) as of a date under the given policies,
 * reading the signals of the whole batch at once, one category (one policy) at a time: the
 * reviews' evaluation windows and the complaint rate over the policy's complaint window. Shared by scoring runs and simulations.
 */
export async function scoreBatch(
  suppliers: StandingOfSupplier[],
  policyOf: (category: string) => Policy | undefined,
  asOf: string,
  signals: Signals,
  manager?: EntityManager,
): Promise<ScoredSupplier[]> {
  const byCategory = new Map<string, StandingOfSupplier[]>();
  for (const s of suppliers) {
    if (!policyOf(s.category)) continue;
    const group = byCategory.get(s.category);
    if (group) group.push(s);
    else byCategory.set(s.category, [s]);
  }
  const scored: ScoredSupplier[] = [];
  for (const [category, group] of byCategory) {
    const policy = policyOf(category)!;
    const windowCounts = await decidingWindowCounts(
      group.map((s) => s.id),
      policy,
      asOf,
      signals.reviews,
      manager,
    );
    const complaintCounts = await signals.complaints.countComplaints(
      group.map((s) => s.id),
      asOf,
      policy.complaintWindowDays,
      manager,
    );
    for (const supplier of group) {
      const evaluation = evaluate(policy, windowCounts.get(supplier.id)!);
      const complaints = complaintFigures(complaintCounts.get(supplier.id) ?? { orders: 0, supplierFault: 0 }, policy);
      scored.push({ supplier, policy, evaluation, complaints, outcome: outcomeFor(policy, supplier, evaluation, complaints, asOf) });
    }
  }
  return scored;
}
