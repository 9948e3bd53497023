import type { Polarity } from '../domain/tagger.js';

/**
 * A roll-up row's counts per aspect key: `[mentions, negative at rating 1, 2, 3, 4, 5]`, the
 * layout of `review_aspect_daily_rollups.counts` (migration CompactAspectRollups).
 */
export type AspectCounts = Record<string, number[]>;

/** Slots of an aspect's counts: 0 mentions, r the NEGATIVE tags of reviews rated r. */
export const COUNT_SLOTS = 6;

export interface AspectRollupDelta {
  supplierId: string;
  /** YYYY-MM-DD */
  day: string;
  /** Non-zero net changes only. */
  counts: AspectCounts;
}

/** Net changes to `review_aspect_daily_rollups` (supplier, day) → counts that one batch makes. */
export class AspectRollupDeltas {
  private readonly byKey = new Map<string, AspectRollupDelta>();

  /** Counts each tag once, up (+1, the new tags) or down (-1, the tags they replace), under the review's supplier, day and rating. */
  addTags(
    at: { supplierId: string; day: string; rating: number },
    tags: ReadonlyArray<{ key: string; polarity: Polarity }>,
    delta: 1 | -1 = 1,
  ): void {
    if (tags.length === 0) return;
    const key = `${at.supplierId}|${at.day}`;
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      entry = { supplierId: at.supplierId, day: at.day, counts: {} };
      this.byKey.set(key, entry);
    }
    for (const tag of tags) {
      const counts = (entry.counts[tag.key] ??= new Array<number>(COUNT_SLOTS).fill(0));
      counts[0] += delta;
      if (tag.polarity === 'NEGATIVE') counts[at.rating] += delta;
    }
  }

  /** Rows with a non-zero change, in key order (so concurrent taggers lock roll-up rows in the same order), zero aspects left out. */
  entries(): AspectRollupDelta[] {
    const out: AspectRollupDelta[] = [];
    for (const key of [...this.byKey.keys()].sort()) {
      const entry = this.byKey.get(key)!;
      const counts: AspectCounts = {};
      let any = false;
      for (const [aspect, values] of Object.entries(entry.counts)) {
        if (values.every((v) => v === 0)) continue;
        counts[aspect] = values;
        any = true;
      }
      if (any) out.push({ supplierId: entry.supplierId, day: entry.day, counts });
    }
    return out;
  }
}
