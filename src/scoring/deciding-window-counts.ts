import type { EntityManager } from 'typeorm';

import type { Policy } from '../policies/domain/policy.js';
import { decides, type WindowCounts } from './domain/evaluation.js';
import type { ReviewSignal } from './signals/review-signal.js';

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
  reviews: ReviewSignal,
  manager?: EntityManager,
): Promise<Map<string, Map<number, WindowCounts>>> {
  const result = new Map<string, Map<number, WindowCounts>>(supplierIds.map((id) => [id, new Map()]));
  let pending = supplierIds;
  let shorter = 0;
  for (const days of policy.evaluationWindows) {
    if (pending.length === 0) break;
    const added = await reviews.countRange(pending, asOf, days, shorter, policy.positiveMinRating, manager);
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
