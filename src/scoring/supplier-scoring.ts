import type { EntityManager } from 'typeorm';

import { decideSanction, type SanctionOutcome } from '../governance/domain/sanctions.js';
import type { Policy } from '../policies/domain/policy.js';
import type { WindowCountsRepository } from '../reviews/review-window-counts.repository.js';
import type { SupplierStatus, Tier } from '../suppliers/domain/supplier-lifecycle.js';
import { decides, evaluate, type Evaluation, type WindowCounts } from './domain/evaluation.js';

/** Statuses a run (or a simulation) scores: live suppliers get sanctions, applicants a tier, suspended ones a snapshot only. */
export const SCORED_STATUSES: SupplierStatus[] = ['APPLICANT', 'ACTIVE', 'PROBATION', 'SUSPENDED'];

/** The columns of a supplier that scoring reads (`to_char` keeps the date a plain string). */
export const SCORED_SUPPLIER_COLUMNS = `id, category, status, tier, to_char(probation_ends_at, 'YYYY-MM-DD') AS probation_ends_at`;

/** A row of `SCORED_SUPPLIER_COLUMNS`. */
export interface ScoredSupplierRow {
  id: string;
  category: string;
  status: SupplierStatus;
  tier: Tier | null;
  probation_ends_at: string | null;
}

export function scoredSupplierInput(r: ScoredSupplierRow): ScoredSupplierInput {
  return { id: r.id, category: r.category, status: r.status, tier: r.tier, probationEndsAt: r.probation_ends_at };
}

export interface ScoredSupplierInput {
  id: string;
  category: string;
  status: SupplierStatus;
  tier: Tier | null;
  probationEndsAt: string | null;
}

export interface ScoredSupplier {
  supplier: ScoredSupplierInput;
  policy: Policy;
  evaluation: Evaluation;
  /** What a run does to it: a sanction for live suppliers, a tier refresh for applicants, nothing for the rest. */
  outcome: SanctionOutcome;
}

/** What a run does to a supplier in its current state, given its evaluation (pure). */
export function outcomeFor(policy: Policy, supplier: ScoredSupplierInput, evaluation: Evaluation, asOf: string): SanctionOutcome {
  if (supplier.status === 'APPLICANT')
    return { decision: null, status: supplier.status, tier: evaluation.tier, probationEndsAt: supplier.probationEndsAt, reason: null };
  return decideSanction(policy, {
    status: supplier.status,
    storedTier: supplier.tier,
    probationEndsAt: supplier.probationEndsAt,
    asOf,
    evaluation,
  });
}

type SupplierState = Pick<ScoredSupplierInput, 'status' | 'tier' | 'probationEndsAt'>;

/** Whether two states of a supplier row (as read, as an outcome leaves it) agree on what a run writes. */
export function sameState(a: SupplierState, b: SupplierState): boolean {
  return a.status === b.status && a.tier === b.tier && a.probationEndsAt === b.probationEndsAt;
}

/** Whether applying an outcome writes anything: a decision or a change to the supplier's row. */
export function outcomeActs(supplier: ScoredSupplierInput, outcome: SanctionOutcome): boolean {
  return outcome.decision !== null || !sameState(supplier, outcome);
}

/**
 * The evaluation windows' counts a batch needs, read shortest window first: a longer window is
 * read only for the suppliers the shorter ones leave without enough reviews (evaluate never looks
 * past the first window that decides), and only for the days it adds to the shorter one, whose
 * counts are already known. The suppliers with the most reviews, most of the roll-up rows, are
 * decided by the shortest window; the others' recent days are read once.
 */
export async function decidingWindowCounts(
  supplierIds: string[],
  policy: Policy,
  asOf: string,
  counts: WindowCountsRepository,
  manager?: EntityManager,
): Promise<Map<string, Map<number, WindowCounts>>> {
  const result = new Map<string, Map<number, WindowCounts>>(supplierIds.map((id) => [id, new Map()]));
  let pending = supplierIds;
  let shorter = 0;
  for (const days of policy.evaluationWindows) {
    if (pending.length === 0) break;
    const added = await counts.countRange(pending, asOf, days, shorter, policy.positiveMinRating, manager);
    for (const id of pending) {
      const byDays = result.get(id)!;
      const known = shorter === 0 ? undefined : byDays.get(shorter)!;
      const more = added.get(id);
      byDays.set(days, { n: (known?.n ?? 0) + (more?.n ?? 0), positives: (known?.positives ?? 0) + (more?.positives ?? 0) });
    }
    pending = pending.filter((id) => !decides(result.get(id)!.get(days)!, policy));
    shorter = days;
  }
  return result;
}

/**
 * Evaluates a batch of suppliers (any mix of categories) as of a date under the given policies,
 * reading the window counts of the whole batch at once. Shared by scoring runs and simulations.
 */
export async function scoreBatch(
  suppliers: ScoredSupplierInput[],
  policyOf: (category: string) => Policy | undefined,
  asOf: string,
  counts: WindowCountsRepository,
  manager?: EntityManager,
): Promise<ScoredSupplier[]> {
  const byCategory = new Map<string, ScoredSupplierInput[]>();
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
      counts,
      manager,
    );
    for (const supplier of group) {
      const evaluation = evaluate(policy, windowCounts.get(supplier.id)!);
      scored.push({ supplier, policy, evaluation, outcome: outcomeFor(policy, supplier, evaluation, asOf) });
    }
  }
  return scored;
}
