/**
 * Tags a review with the aspects it mentions and a polarity for each (PRODUCT.md, "Voice of the
 * customer"). Pure and deterministic: the same text and taxonomy give the same tags.
 *
 * FIRST CUT (to be replaced by the real tagger): whole-word term match, polarity from the rating.
 */
import type { Aspect } from '../../policies/domain/aspects.js';

export type Polarity = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL';
export const POLARITIES: readonly Polarity[] = ['POSITIVE', 'NEGATIVE', 'NEUTRAL'];

/** One aspect of one review: at most one tag per aspect; `evidence` is the words it was read from. */
export interface AspectTag {
  key: string;
  polarity: Polarity;
  evidence: string;
}

export interface TaggableReview {
  title: string | null;
  text: string | null;
  /** 1..5 */
  rating: number;
}

/** The tags of a review, ordered by aspect key. `positiveMinRating` is the policy's positive bar (the rating fallback). */
export function tagReview(review: TaggableReview, aspects: readonly Aspect[], positiveMinRating = 4): AspectTag[] {
  const text = `${review.title ?? ''}. ${review.text ?? ''}`.toLowerCase();
  const fallback: Polarity = review.rating >= positiveMinRating ? 'POSITIVE' : review.rating <= 2 ? 'NEGATIVE' : 'NEUTRAL';
  const tags: AspectTag[] = [];
  for (const a of aspects) {
    const term = a.terms.find((t) => text.includes(t.toLowerCase()));
    if (term !== undefined) tags.push({ key: a.key, polarity: fallback, evidence: term });
  }
  return tags.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
