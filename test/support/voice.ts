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

/**
 * `supplier|day|aspect|slot → n` of the stored aspect roll-ups, zeros left out: slot `mentions`,
 * or `negative@r` for the NEGATIVE tags of reviews rated r.
 */
export async function storedRollups(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await t.db.query<{ k: string; n: number }>(
    `SELECT concat_ws('|', r.supplier_id, r.day, e.key, CASE WHEN v.i = 1 THEN 'mentions' ELSE 'negative@' || (v.i - 1) END) AS k, v.n::int AS n
       FROM review_aspect_daily_rollups r, jsonb_each(r.counts) e, jsonb_array_elements_text(e.value) WITH ORDINALITY AS v(n, i)
      WHERE v.n::int <> 0`,
  );
  return Object.fromEntries(rows.map((r) => [r.k, r.n]));
}

/**
 * The same counts, computed independently from the stored tags and the reviews as they stand
 * (supplier, UTC day of reviewed_at, rating), excluded reviews left out.
 */
export async function rollupsFromTags(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await t.db.query<{ k: string; n: number }>(
    `SELECT concat_ws('|', r.supplier_id, (r.reviewed_at AT TIME ZONE 'UTC')::date, tag->>'key', slot) AS k, count(*)::int AS n
       FROM review_aspects a JOIN reviews r ON r.id = a.review_id, jsonb_array_elements(a.tags) AS tag,
            LATERAL (VALUES ('mentions'), (CASE WHEN tag->>'polarity' = 'NEGATIVE' THEN 'negative@' || r.rating END)) AS s(slot)
      WHERE r.excluded_at IS NULL AND slot IS NOT NULL
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
