import { expect } from 'vitest';

import type { Aspect } from '../../src/policies/domain/aspects.js';
import { type AspectTag, tagReview } from '../../src/voice/domain/tagger.js';
import { ReviewTaggerService } from '../../src/voice/tagging/review-tagger.service.js';
import type { TestApp } from './test-app.js';

/** An aspect of a test taxonomy: its key as label, not critical. */
export const aspect = (key: string, terms: string[], supplierControllable = true): Aspect => ({
  key,
  label: key,
  supplierControllable,
  critical: false,
  terms,
});

export function taggerOf(t: TestApp): ReviewTaggerService {
  return t.app.get(ReviewTaggerService);
}

/** Reviews waiting in the tag queue. */
export async function queued(t: TestApp): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_tag_queue`);
  return rows[0].n;
}

/** `supplier|day|aspect|polarity|rating → n` of the stored aspect roll-ups (rows at 0 left out). */
export async function storedRollups(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await t.db.query<{ k: string; n: number }>(
    `SELECT concat_ws('|', supplier_id, day, aspect_key, polarity, rating) AS k, n
       FROM review_aspect_daily_rollups WHERE n <> 0`,
  );
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}

/**
 * The same counts, computed independently from the stored tags and the reviews as they stand
 * (supplier, UTC day of reviewed_at, rating), excluded reviews included.
 */
export async function rollupsFromTags(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await t.db.query<{ k: string; n: number }>(
    `SELECT concat_ws('|', r.supplier_id, (r.reviewed_at AT TIME ZONE 'UTC')::date, tag->>'key', tag->>'polarity', r.rating) AS k,
            count(*)::int AS n
       FROM review_aspects a JOIN reviews r ON r.id = a.review_id, jsonb_array_elements(a.tags) AS tag
      GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}

/** Every review's stored tags equal what the pure tagger reads from its current words under `policy`, at `version`. */
export async function expectTagsAsTagged(
  t: TestApp,
  policy: { aspects: Aspect[]; positiveMinRating: number; version: number },
  category = 'hotel',
) {
  const { rows } = await t.db.query<{
    title: string | null;
    body: string | null;
    rating: number;
    tags: AspectTag[];
    policy_version: number;
  }>(
    `SELECT r.title, r.body, r.rating, a.tags, a.policy_version
       FROM reviews r JOIN suppliers s ON s.id = r.supplier_id JOIN review_aspects a ON a.review_id = r.id WHERE s.category = $1`,
    [category],
  );
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.policy_version).toBe(policy.version);
    expect(row.tags).toEqual(tagReview({ title: row.title, text: row.body, rating: row.rating }, policy.aspects, policy.positiveMinRating));
  }
  return rows.length;
}
