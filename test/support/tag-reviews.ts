import { defaultAspects } from '../../src/policies/domain/aspects.js';
import { tagReview } from '../../src/voice/domain/tagger.js';
import type { TestApp } from './test-app.js';

/**
 * STAND-IN for the background tagger until it lands on main (branch `pipeline`): tags every stored
 * review not tagged yet with the pure `tagReview` under the latest policy of its supplier's
 * category, and writes `review_aspects` and `review_aspect_daily_rollups` with SQL as the tagger
 * will (day = reviewed_at's UTC date, the rating kept). Excluded reviews are tagged too: the
 * aspect roll-ups count every tagged review. When the tagger lands, this body becomes "drain
 * the tagger" and the tests that call it stay as they are. Returns how many reviews it tagged.
 */
export async function tagStoredReviews(t: TestApp): Promise<number> {
  const { rows } = await t.db.query<{
    id: string;
    supplier_id: string;
    rating: number;
    day: string;
    title: string | null;
    body: string | null;
    category: string;
    version: number;
    positive_min_rating: number;
  }>(
    `SELECT r.id, r.supplier_id, r.rating, to_char(r.reviewed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, r.title, r.body,
            s.category, p.version, p.positive_min_rating
       FROM reviews r
       JOIN suppliers s ON s.id = r.supplier_id
       JOIN LATERAL (SELECT version, positive_min_rating FROM policies WHERE category = s.category ORDER BY version DESC LIMIT 1) p ON true
      WHERE NOT EXISTS (SELECT 1 FROM review_aspects a WHERE a.review_id = r.id)
      ORDER BY r.id`,
  );
  const rollups = new Map<string, { supplierId: string; day: string; key: string; polarity: string; rating: number; n: number }>();
  for (const r of rows) {
    const tags = tagReview({ title: r.title, text: r.body, rating: r.rating }, defaultAspects(r.category), r.positive_min_rating);
    await t.db.query(`INSERT INTO review_aspects (review_id, supplier_id, policy_version, tags) VALUES ($1, $2, $3, $4)`, [
      r.id,
      r.supplier_id,
      r.version,
      JSON.stringify(tags),
    ]);
    for (const tag of tags) {
      const id = `${r.supplier_id}|${r.day}|${tag.key}|${tag.polarity}|${r.rating}`;
      const entry = rollups.get(id) ?? {
        supplierId: r.supplier_id,
        day: r.day,
        key: tag.key,
        polarity: tag.polarity,
        rating: r.rating,
        n: 0,
      };
      entry.n += 1;
      rollups.set(id, entry);
    }
  }
  for (const e of rollups.values()) {
    await t.db.query(
      `INSERT INTO review_aspect_daily_rollups (supplier_id, day, aspect_key, polarity, rating, n) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (supplier_id, day, aspect_key, polarity, rating) DO UPDATE SET n = review_aspect_daily_rollups.n + EXCLUDED.n`,
      [e.supplierId, e.day, e.key, e.polarity, e.rating, e.n],
    );
  }
  return rows.length;
}
