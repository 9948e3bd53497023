import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { AspectTag } from '../domain/tagger.js';
import type { AspectRollupDeltas } from './aspect-rollups.js';

/** The tags stored for a review, and the roll-up row (supplier, day, rating) they were counted under. */
export interface StoredTags {
  review_id: string;
  supplier_id: string;
  /** YYYY-MM-DD */
  day: string;
  rating: number;
  tags: AspectTag[];
}

export interface TaggedReview {
  reviewId: string;
  supplierId: string;
  day: string;
  rating: number;
  policyVersion: number;
  tags: AspectTag[];
}

/** The one writer of `review_aspects` and `review_aspect_daily_rollups`. */
@Injectable()
export class ReviewAspectsRepository {
  /** The tags these reviews have now (the ones a retag replaces), in the caller's transaction. */
  async stored(manager: EntityManager, reviewIds: string[]): Promise<Map<string, StoredTags>> {
    if (reviewIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT review_id, supplier_id, to_char(day, 'YYYY-MM-DD') AS day, rating, tags FROM review_aspects WHERE review_id = ANY($1::uuid[])`,
      [reviewIds],
    )) as StoredTags[];
    return new Map(rows.map((r) => [r.review_id, r]));
  }

  /** Stores each review's tags, replacing what it had, with the policy version that read them and where they are counted. */
  async store(manager: EntityManager, tagged: TaggedReview[]): Promise<void> {
    if (tagged.length === 0) return;
    // One JSON document for the batch: the tags are JSON already, and jsonb_to_recordset reads it in one pass.
    await manager.query(
      `INSERT INTO review_aspects AS a (review_id, supplier_id, policy_version, tags, day, rating, tagged_at)
       SELECT x.review_id, x.supplier_id, x.policy_version, x.tags, x.day, x.rating, now()
         FROM jsonb_to_recordset($1::jsonb) AS x(review_id uuid, supplier_id uuid, policy_version int, tags jsonb, day date, rating smallint)
        ORDER BY x.review_id
       ON CONFLICT (review_id) DO UPDATE
         SET supplier_id = EXCLUDED.supplier_id, policy_version = EXCLUDED.policy_version, tags = EXCLUDED.tags,
             day = EXCLUDED.day, rating = EXCLUDED.rating, tagged_at = EXCLUDED.tagged_at`,
      [
        JSON.stringify(
          tagged.map((t) => ({
            review_id: t.reviewId,
            supplier_id: t.supplierId,
            policy_version: t.policyVersion,
            tags: t.tags,
            day: t.day,
            rating: t.rating,
          })),
        ),
      ],
    );
  }

  /**
   * Applies the deltas in the caller's transaction. Increments upsert; decrements update rows that
   * exist (the tags they subtract were counted into them), as the reviews' own roll-ups do.
   */
  async applyRollupDeltas(manager: EntityManager, deltas: AspectRollupDeltas): Promise<void> {
    const entries = deltas.entries();
    const columns = (list: typeof entries) => [
      list.map((e) => e.supplierId),
      list.map((e) => e.day),
      list.map((e) => e.aspectKey),
      list.map((e) => e.polarity),
      list.map((e) => e.rating),
      list.map((e) => e.delta),
    ];
    const down = entries.filter((e) => e.delta < 0);
    const up = entries.filter((e) => e.delta > 0);
    if (down.length > 0) {
      await manager.query(
        `UPDATE review_aspect_daily_rollups r SET n = r.n + d.delta
           FROM unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::smallint[], $6::int[])
                AS d(supplier_id, day, aspect_key, polarity, rating, delta)
          WHERE r.supplier_id = d.supplier_id AND r.day = d.day AND r.aspect_key = d.aspect_key
            AND r.polarity = d.polarity AND r.rating = d.rating`,
        columns(down),
      );
    }
    if (up.length > 0) {
      await manager.query(
        `INSERT INTO review_aspect_daily_rollups AS r (supplier_id, day, aspect_key, polarity, rating, n)
         SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[], $4::text[], $5::smallint[], $6::int[])
         ON CONFLICT (supplier_id, day, aspect_key, polarity, rating) DO UPDATE SET n = r.n + EXCLUDED.n`,
        columns(up),
      );
    }
  }
}
