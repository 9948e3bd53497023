/**
 * The tagger's quality against hand-labelled reviews (issue 18, item 6): per aspect precision,
 * recall and F1 (a predicted key counts when the label has the key), their micro average, polarity
 * accuracy over the keys both found, and on a whole sample the share of reviews rated 1–2 carrying
 * a negative tag and of reviews rated 5 carrying none. Pure: the caller reads the files.
 */
import type { AspectTag, Polarity, TaggableReview } from './tagger.js';

export interface LabelledReview extends TaggableReview {
  row: number;
  aspects: Array<{ key: string; polarity: Polarity }>;
}

export interface AspectScore {
  key: string;
  /** Reviews whose labels have the key. */
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface AspectEvaluation {
  reviews: number;
  aspects: AspectScore[];
  micro: { precision: number; recall: number; f1: number };
  polarity: { compared: number; agreed: number; accuracy: number };
}

export interface RatingShares {
  lowRated: number;
  lowWithNegative: number;
  lowShare: number;
  fiveRated: number;
  fiveWithoutNegative: number;
  fiveShare: number;
}

/** The goals of issue 18. */
export const QUALITY_GOALS = { f1: 0.75, polarityAccuracy: 0.8, lowShare: 0.85, fiveShare: 0.85 } as const;

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function evaluateAspects(labelled: readonly LabelledReview[], tag: (review: TaggableReview) => AspectTag[]): AspectEvaluation {
  const counts = new Map<string, { support: number; tp: number; fp: number; fn: number }>();
  const count = (key: string) => {
    let c = counts.get(key);
    if (c === undefined) counts.set(key, (c = { support: 0, tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  let compared = 0;
  let agreed = 0;
  for (const review of labelled) {
    const truth = new Map(review.aspects.map((a) => [a.key, a.polarity]));
    const predicted = new Map(tag(review).map((t) => [t.key, t.polarity]));
    for (const [key, polarity] of truth) {
      const c = count(key);
      c.support++;
      const guess = predicted.get(key);
      if (guess === undefined) c.fn++;
      else {
        c.tp++;
        compared++;
        if (guess === polarity) agreed++;
      }
    }
    for (const key of predicted.keys()) if (!truth.has(key)) count(key).fp++;
  }
  const aspects = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, c]) => {
      const precision = ratio(c.tp, c.tp + c.fp);
      const recall = ratio(c.tp, c.tp + c.fn);
      return {
        key,
        support: c.support,
        truePositives: c.tp,
        falsePositives: c.fp,
        falseNegatives: c.fn,
        precision,
        recall,
        f1: f1Of(precision, recall),
      };
    });
  const tp = aspects.reduce((s, a) => s + a.truePositives, 0);
  const precision = ratio(tp, tp + aspects.reduce((s, a) => s + a.falsePositives, 0));
  const recall = ratio(tp, tp + aspects.reduce((s, a) => s + a.falseNegatives, 0));
  return {
    reviews: labelled.length,
    aspects,
    micro: { precision, recall, f1: f1Of(precision, recall) },
    polarity: { compared, agreed, accuracy: ratio(agreed, compared) },
  };
}

export function ratingShares(reviews: readonly TaggableReview[], tag: (review: TaggableReview) => AspectTag[]): RatingShares {
  let lowRated = 0;
  let lowWithNegative = 0;
  let fiveRated = 0;
  let fiveWithoutNegative = 0;
  for (const review of reviews) {
    if (review.rating > 2 && review.rating < 5) continue;
    const negative = tag(review).some((t) => t.polarity === 'NEGATIVE');
    if (review.rating <= 2) {
      lowRated++;
      if (negative) lowWithNegative++;
    } else {
      fiveRated++;
      if (!negative) fiveWithoutNegative++;
    }
  }
  return {
    lowRated,
    lowWithNegative,
    lowShare: ratio(lowWithNegative, lowRated),
    fiveRated,
    fiveWithoutNegative,
    fiveShare: ratio(fiveWithoutNegative, fiveRated),
  };
}
