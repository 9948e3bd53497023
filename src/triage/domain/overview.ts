import { addDays } from '../../common/time/dates.js';
import { SUPPLIER_STATUSES, type SupplierStatus, type Tier, TIERS } from '../../suppliers/domain/supplier-lifecycle.js';

/** The key of suppliers never scored (a stored tier of null) in a tier distribution. */
export const NOT_SCORED = 'NOT_SCORED';
export const TIER_KEYS = [...TIERS, NOT_SCORED] as const;
export type TierKey = (typeof TIER_KEYS)[number];

/** The statuses whose suppliers a category governs now: scored by the runs, counted by the audit coverage. */
export const LIVE_STATUSES: readonly SupplierStatus[] = ['ACTIVE', 'PROBATION'];

/** How far ahead the overview looks for probations ending (issue 19: "which probations end soon"). */
export const PROBATION_HORIZON_DAYS = 14;

/** How many days of decisions the overview counts, the as-of day included. */
export const DECISION_DAYS = 7;

/** Counts for every key, in the keys' order: a key the rows do not name counts 0. */
export function countsOf<K extends string>(keys: readonly K[], rows: ReadonlyArray<{ key: K; n: number }>): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const row of rows) if (row.key in counts) counts[row.key] += row.n;
  return counts;
}

export interface StandingDistribution {
  /** Every supplier of the category, whatever its status. */
  total: number;
  byStatus: Record<SupplierStatus, number>;
  /** ACTIVE and PROBATION suppliers. */
  live: number;
  /** The live suppliers by stored tier (NOT_SCORED: never scored). */
  byTier: Record<TierKey, number>;
}

/** The category's suppliers by status, and its live suppliers (ACTIVE, PROBATION) by tier. */
export function standingDistribution(rows: ReadonlyArray<{ status: SupplierStatus; tier: Tier | null; n: number }>): StandingDistribution {
  const live = rows.filter((r) => LIVE_STATUSES.includes(r.status));
  return {
    total: rows.reduce((sum, r) => sum + r.n, 0),
    byStatus: countsOf(
      SUPPLIER_STATUSES,
      rows.map((r) => ({ key: r.status, n: r.n })),
    ),
    live: live.reduce((sum, r) => sum + r.n, 0),
    byTier: countsOf(
      TIER_KEYS,
      live.map((r) => ({ key: r.tier ?? NOT_SCORED, n: r.n })),
    ),
  };
}

/** The UTC days whose decisions the overview counts: the as-of day and the 6 before it (`from`..`to`, inclusive). */
export function decisionDays(asOf: string): { from: string; to: string } {
  return { from: addDays(asOf, -(DECISION_DAYS - 1)), to: asOf };
}

/**
 * The exclusive bound of "probation ending within 14 days" of `today`: ends on or before today +
 * 14 days, those already past their end (the next run delists them) included; the search's
 * `probationEndsBefore` with this date lists the same suppliers.
 */
export function probationHorizon(today: string): string {
  return addDays(today, PROBATION_HORIZON_DAYS + 1);
}
