import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The aspect roll-ups at a grain the tagger can keep up with (issue 18, item 7; bench/README.md),
 * and excluded reviews out of them (PRODUCT.md: "excluded reviews leave every window").
 *
 * - `review_aspect_daily_rollups` becomes one row per supplier and day, its counts one jsonb
 *   object `{aspect_key: [mentions, negative at rating 1, 2, 3, 4, 5]}`: what the reports read
 *   (mentions, negative ones, and negative ones below any positive bar). The old grain (supplier,
 *   day, aspect, polarity, rating) left one row per tag at the reviews' density (0.25 reviews a
 *   supplier-day), upserted through two indexes; this one is one row per supplier-day, through its
 *   key only. Nothing read the `(day, aspect_key)` index since the drivers read goes supplier by
 *   supplier; it goes with the old table.
 * - `aspect_counts_add(a, b)`: two such objects summed aspect by aspect, aspects at all zero left
 *   out; the upsert merges with it.
 * - `review_aspects.counted`: whether the review's tags are in the roll-ups (false while it is
 *   excluded), so a retag takes out exactly what was counted.
 */
export class CompactAspectRollups1764190800000 implements MigrationInterface {
  name = 'CompactAspectRollups1764190800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE review_aspects ADD COLUMN counted boolean NOT NULL DEFAULT true`);
    await q.query(`UPDATE review_aspects a SET counted = false FROM reviews r WHERE r.id = a.review_id AND r.excluded_at IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION aspect_counts_add(a jsonb, b jsonb) RETURNS jsonb
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT COALESCE(jsonb_object_agg(s.key, s.counts), '{}'::jsonb)
          FROM (SELECT e.key, jsonb_agg(e.n ORDER BY e.i) AS counts
                  FROM (SELECT x.key, v.i, sum(v.n::int) AS n
                          FROM (SELECT * FROM jsonb_each(a) UNION ALL SELECT * FROM jsonb_each(b)) x,
                               jsonb_array_elements_text(x.value) WITH ORDINALITY AS v(n, i)
                         GROUP BY x.key, v.i) e
                 GROUP BY e.key
                HAVING bool_or(e.n <> 0)) s
      $$`);
    await q.query(`DROP TABLE review_aspect_daily_rollups`);
    await q.query(`
      CREATE TABLE review_aspect_daily_rollups (
        supplier_id uuid  NOT NULL,
        day         date  NOT NULL,
        counts      jsonb NOT NULL,
        PRIMARY KEY (supplier_id, day)
      )`);
    await q.query(`
      INSERT INTO review_aspect_daily_rollups (supplier_id, day, counts)
      SELECT supplier_id, day, jsonb_object_agg(aspect_key, counts)
        FROM (SELECT a.supplier_id, a.day, t->>'key' AS aspect_key,
                     jsonb_build_array(count(*),
                       count(*) FILTER (WHERE t->>'polarity' = 'NEGATIVE' AND a.rating = 1),
                       count(*) FILTER (WHERE t->>'polarity' = 'NEGATIVE' AND a.rating = 2),
                       count(*) FILTER (WHERE t->>'polarity' = 'NEGATIVE' AND a.rating = 3),
                       count(*) FILTER (WHERE t->>'polarity' = 'NEGATIVE' AND a.rating = 4),
                       count(*) FILTER (WHERE t->>'polarity' = 'NEGATIVE' AND a.rating = 5)) AS counts
                FROM review_aspects a, jsonb_array_elements(a.tags) t
               WHERE a.counted
               GROUP BY 1, 2, 3) x
       GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE review_aspect_daily_rollups`);
    await q.query(`
      CREATE TABLE review_aspect_daily_rollups (
        supplier_id uuid     NOT NULL,
        day         date     NOT NULL,
        aspect_key  text     NOT NULL,
        polarity    text     NOT NULL CHECK (polarity IN ('POSITIVE','NEGATIVE','NEUTRAL')),
        rating      smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        n           integer  NOT NULL CHECK (n >= 0),
        PRIMARY KEY (supplier_id, day, aspect_key, polarity, rating)
      )`);
    await q.query(`CREATE INDEX review_aspect_daily_rollups_day_idx ON review_aspect_daily_rollups (day, aspect_key)`);
    // The old roll-ups counted every tagged review, excluded or not.
    await q.query(`
      INSERT INTO review_aspect_daily_rollups (supplier_id, day, aspect_key, polarity, rating, n)
      SELECT a.supplier_id, a.day, t->>'key', t->>'polarity', a.rating, count(*)
        FROM review_aspects a, jsonb_array_elements(a.tags) t
       GROUP BY 1, 2, 3, 4, 5`);
    await q.query(`DROP FUNCTION aspect_counts_add(jsonb, jsonb)`);
    await q.query(`ALTER TABLE review_aspects DROP COLUMN counted`);
  }
}
