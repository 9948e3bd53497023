import { addDays } from '../../common/time/dates.js';
import type { SupplierStatus } from '../../suppliers/domain/supplier-lifecycle.js';

/**
 * A manager's hold on an override to ACTIVE (PRODUCT.md, Trust rules: "A person's override holds
 * as long as they said"): until that date scoring runs make no sanction decision for the supplier
 * (`heldOn` in sanctions.ts). At most this many days ahead.
 */
export const MAX_HOLD_DAYS = 180;

/** Why this hold cannot be set on an override to `target` made on `today`, or null when it can. */
export function holdRefusal(holdUntil: string, target: SupplierStatus, today: string): string | null {
  if (target !== 'ACTIVE') return `a hold keeps an override to ACTIVE; an override to ${target} cannot carry one`;
  if (holdUntil <= today) return `must be after today (${today})`;
  const latest = addDays(today, MAX_HOLD_DAYS);
  if (holdUntil > latest) return `must be at most ${MAX_HOLD_DAYS} days ahead (${latest} at the latest)`;
  return null;
}

/** What the next step says of a hold just set. */
export function holdNextStep(holdUntil: string): string {
  return `Held until ${holdUntil}: scoring runs dated up to then make no sanction decision (the tier still follows the reviews); from ${addDays(holdUntil, 1)} the rules apply again.`;
}

/** The reason a HOLD_LIFTED decision records: which hold ended, and the manager's own words when given. */
export function holdLiftedReason(holdUntil: string, given?: string): string {
  const words = given?.trim();
  return `Hold until ${holdUntil} lifted early${words ? `: ${words}` : ''}`;
}
