import type { Polarity } from '../domain/tagger.js';

export interface AspectRollupDelta {
  supplierId: string;
  day: string;
  aspectKey: string;
  polarity: Polarity;
  rating: number;
  delta: number;
}

/** Net changes to `review_aspect_daily_rollups` (supplier, day, aspect, polarity, rating) → n that one batch makes. */
export class AspectRollupDeltas {
  private readonly byKey = new Map<string, AspectRollupDelta>();

  /** Counts each tag once, up (+1, the new tags) or down (-1, the tags they replace), under the review's supplier, day and rating. */
  addTags(
    at: { supplierId: string; day: string; rating: number },
    tags: ReadonlyArray<{ key: string; polarity: Polarity }>,
    delta: 1 | -1,
  ): void {
    for (const tag of tags) {
      const key = `${at.supplierId}|${at.day}|${tag.key}|${tag.polarity}|${at.rating}`;
      const entry = this.byKey.get(key);
      if (entry) entry.delta += delta;
      else
        this.byKey.set(key, {
          supplierId: at.supplierId,
          day: at.day,
          aspectKey: tag.key,
          polarity: tag.polarity,
          rating: at.rating,
          delta,
        });
    }
  }

  /** Non-zero changes in key order, so concurrent taggers lock roll-up rows in the same order. */
  entries(): AspectRollupDelta[] {
    return [...this.byKey.entries()]
      .filter(([, e]) => e.delta !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, e]) => e);
  }
}
