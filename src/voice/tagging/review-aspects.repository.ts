import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { opaqueIdList, sqlList, sqlTextList, textList } from '../../database/sql-list.js';
import type { AspectTag } from '../domain/tagger.js';
import type { AspectRollupDeltas } from './aspect-rollups.js';

/** The tags stored for a review, the roll-up row (supplier, day, rating) they were counted under, and whether they are counted. */
export interface StoredTags {
  review_id: string;
  supplier_id: string;
  /** YYYY-MM-DD */
  day: string;
  rating: number;
  /** False while the review is excluded: its tags are then in no roll-up. */
  counted: boolean;
  tags: AspectTag[];
}

export interface TaggedReview {
  reviewId: string;
  supplierId: string;
  day: string;
  rating: number;
  policyVersion: number;
  tags: AspectTag[];
  /** Whether these tags go into the roll-ups (the review is not excluded). */
  counted: boolean;
}

/** The one writer of `review_aspects` and `review_aspect_daily_rollups`. */
@Injectable()
export class ReviewAspectsRepository {
  /** The tags these reviews have now (the ones a retag replaces), in the caller's transaction. */
  async stored(manager: EntityManager, reviewIds: string[]): Promise<Map<string, StoredTags>> {
    if (reviewIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT review_id, supplier_id, to_char(day, 'YYYY-MM-DD') AS day, rating, counted, tags
         FROM review_aspects WHERE review_id = ANY(${opaqueIdList(1)})`,
      [sqlList(reviewIds)],
    )) as StoredTags[];
    return new Map(rows.map((r) => [r.review_id, r]));
  }

  /**
   * Stores each review's tags, replacing what it had, with the policy version that read them and
   * where (and whether) they are counted. The columns travel as lists (`sqlList`, `sqlTextList`):
   * a JSON document of the batch's records (jsonb_to_recordset) cost PostgreSQL about three times
   * as much (bench/README.md).
   */
  async store(manager: EntityManager, tagged: TaggedReview[]): Promise<void> {
    if (tagged.length === 0) return;
    const sorted = [...tagged].sort((a, b) => (a.reviewId < b.reviewId ? -1 : a.reviewId > b.reviewId ? 1 : 0));
    await manager.query(
      `INSERT INTO review_aspects AS a (review_id, supplier_id, policy_version, tags, day, rating, counted, tagged_at)
       SELECT x.review_id, x.supplier_id, x.policy_version, x.tags::jsonb, x.day, x.rating, x.counted, now()
         FROM unnest(string_to_array($1, ',')::uuid[], string_to_array($2, ',')::uuid[], string_to_array($3, ',')::int[],
                     ${textList(4)}, string_to_array($5, ',')::date[], string_to_array($6, ',')::smallint[],
                     string_to_array($7, ',')::boolean[])
              AS x(review_id, supplier_id, policy_version, tags, day, rating, counted)
       ON CONFLICT (review_id) DO UPDATE
         SET supplier_id = EXCLUDED.supplier_id, policy_version = EXCLUDED.policy_version, tags = EXCLUDED.tags,
             day = EXCLUDED.day, rating = EXCLUDED.rating, counted = EXCLUDED.counted, tagged_at = EXCLUDED.tagged_at`,
      [
        sqlList(sorted.map((t) => t.reviewId)),
        sqlList(sorted.map((t) => t.supplierId)),
        sqlList(sorted.map((t) => t.policyVersion)),
        sqlTextList(sorted.map((t) => JSON.stringify(t.tags))),
        sqlList(sorted.map((t) => t.day)),
        sqlList(sorted.map((t) => t.rating)),
        sqlList(sorted.map((t) => (t.counted ? 't' : 'f'))),
      ],
    );
  }

  /**
   * Applies the deltas in the caller's transaction: one upsert of the (supplier, day) rows, an
   * existing row's counts summed with the change aspect by aspect (`aspect_counts_add`). A
   * decrement always meets its row: the tags it subtracts were counted into it.
   */
  async applyRollupDeltas(manager: EntityManager, deltas: AspectRollupDeltas): Promise<number> {
    const entries = deltas.entries();
    if (entries.length === 0) return 0;
    await manager.query(
      `INSERT INTO review_aspect_daily_rollups AS r (supplier_id, day, counts)
       SELECT x.supplier_id, x.day, x.counts::jsonb
         FROM unnest(string_to_array($1, ',')::uuid[], string_to_array($2, ',')::date[], ${textList(3)}) AS x(supplier_id, day, counts)
       ON CONFLICT (supplier_id, day) DO UPDATE SET counts = aspect_counts_add(r.counts, EXCLUDED.counts)`,
      [
        sqlList(entries.map((e) => e.supplierId)),
        sqlList(entries.map((e) => e.day)),
        sqlTextList(entries.map((e) => JSON.stringify(e.counts))),
      ],
    );
    return entries.length;
  }
}
