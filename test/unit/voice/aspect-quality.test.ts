/**
 * Quality regression guard: the evaluation `npm run eval:aspects` prints, asserted against issue
 * 18's goals on the hand-labelled hotel reviews (eval/aspects) and the whole sample (../shared/data).
 */
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { hotelTagger, readLabelled, readSample } from '../../../scripts/eval-aspects.js';
import { defaultAspects } from '../../../src/policies/domain/aspects.js';
import { evaluateAspects, QUALITY_GOALS, ratingShares } from '../../../src/voice/domain/evaluation.js';
import { lexOf } from '../../../src/voice/domain/lexicon.js';
import { compileTaxonomy } from '../../../src/voice/domain/matcher.js';
import { tokenize } from '../../../src/voice/domain/tokens.js';

const LABELS = fileURLToPath(new URL('../../../eval/aspects/hotel-labelled.jsonl', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../../../shared/data/hotel-reviews-sample.csv', import.meta.url));

describe('aspect tagger quality on the labelled hotel reviews', () => {
  const tag = hotelTagger();
  const labelled = readLabelled(LABELS);
  const result = evaluateAspects(labelled, tag);

  it('reads the whole labelled set, every key a hotel aspect', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(220);
    const keys = new Set(labelled.flatMap((r) => r.aspects.map((a) => a.key)));
    expect([...keys].every((k) => result.aspects.some((a) => a.key === k))).toBe(true);
  });

  it(`reaches micro F1 ≥ ${QUALITY_GOALS.f1} and polarity accuracy ≥ ${QUALITY_GOALS.polarityAccuracy}`, () => {
    expect(result.micro.f1).toBeGreaterThanOrEqual(QUALITY_GOALS.f1);
    expect(result.polarity.accuracy).toBeGreaterThanOrEqual(QUALITY_GOALS.polarityAccuracy);
  });

  it('on the whole sample: ≥ 85% of reviews rated 1–2 carry a negative tag, ≥ 85% rated 5 carry none', () => {
    const shares = ratingShares(readSample(SAMPLE), tag);
    expect(shares.lowRated).toBe(206);
    expect(shares.fiveRated).toBe(488);
    expect(shares.lowShare).toBeGreaterThanOrEqual(QUALITY_GOALS.lowShare);
    expect(shares.fiveShare).toBeGreaterThanOrEqual(QUALITY_GOALS.fiveShare);
  });
});

describe('the word filter on the whole sample', () => {
  it('hides nothing the lexicon or the hotel taxonomy says of any word', () => {
    const compiled = compileTaxonomy(defaultAspects('hotel'));
    const words = new Set<string>();
    for (const review of readSample(SAMPLE))
      for (const t of tokenize(`${review.title}\n${review.text}`).tokens) if (!t.han) words.add(t.word);
    expect(words.size).toBeGreaterThan(5000);
    const differing = [...words].filter((word) => {
      const entry = compiled.lookup(word);
      const expected = { ...lexOf(word, false), terms: compiled.byFirstWord.get(word) };
      return JSON.stringify({ ...entry, terms: entry.terms }) !== JSON.stringify(expected);
    });
    expect(differing).toEqual([]);
  });
});

describe('evaluateAspects', () => {
  it('counts a predicted key when the label has it, and polarity over the keys both found', () => {
    const labelled = [
      { row: 1, rating: 5, title: null, text: 'a', aspects: [{ key: 'room', polarity: 'POSITIVE' as const }] },
      {
        row: 2,
        rating: 1,
        title: null,
        text: 'b',
        aspects: [
          { key: 'room', polarity: 'NEGATIVE' as const },
          { key: 'staff', polarity: 'NEGATIVE' as const },
        ],
      },
    ];
    const predictions: Record<string, Array<{ key: string; polarity: 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' }>> = {
      a: [
        { key: 'room', polarity: 'NEGATIVE' },
        { key: 'wifi', polarity: 'POSITIVE' },
      ],
      b: [{ key: 'room', polarity: 'NEGATIVE' }],
    };
    const result = evaluateAspects(labelled, (r) => predictions[r.text ?? ''].map((p) => ({ ...p, evidence: '' })));
    expect(result.aspects).toEqual([
      { key: 'room', support: 2, truePositives: 2, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1, f1: 1 },
      { key: 'staff', support: 1, truePositives: 0, falsePositives: 0, falseNegatives: 1, precision: 0, recall: 0, f1: 0 },
      { key: 'wifi', support: 0, truePositives: 0, falsePositives: 1, falseNegatives: 0, precision: 0, recall: 0, f1: 0 },
    ]);
    expect(result.micro).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3 });
    expect(result.polarity).toEqual({ compared: 2, agreed: 1, accuracy: 0.5 });
  });

  it('counts the 1–2 and 5 shares over those ratings only', () => {
    const reviews = [1, 2, 3, 4, 5, 5].map((rating, i) => ({ rating, title: null, text: String(i) }));
    const negative = new Set(['0', '2', '3', '5']);
    const shares = ratingShares(reviews, (r) => (negative.has(r.text ?? '') ? [{ key: 'x', polarity: 'NEGATIVE', evidence: '' }] : []));
    expect(shares).toEqual({ lowRated: 2, lowWithNegative: 1, lowShare: 0.5, fiveRated: 2, fiveWithoutNegative: 1, fiveShare: 0.5 });
  });
});
