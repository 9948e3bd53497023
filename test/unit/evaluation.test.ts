import { describe, expect, it } from 'vitest';

import { withDefaults } from '../../src/policies/domain/policy.js';
import { evaluate, inWindow, tierFor, windowBounds, type WindowCounts, windowsToCount } from '../../src/scoring/domain/evaluation.js';

const policy = withDefaults({});

function counts(entries: Array<[number, number, number]>): Map<number, WindowCounts> {
  return new Map(entries.map(([days, n, positives]) => [days, { n, positives }]));
}

describe('window bounds', () => {
  it('W days as of D is [D − W days, D) at 00:00 UTC', () => {
    expect(windowBounds('2026-03-31', 30)).toEqual({ from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z') });
  });

  it('a review at exactly D − W days is in; one at D is out; one just before D is in', () => {
    expect(inWindow(new Date('2026-03-01T00:00:00.000Z'), '2026-03-31', 30)).toBe(true);
    expect(inWindow(new Date('2026-02-28T23:59:59.999Z'), '2026-03-31', 30)).toBe(false);
    expect(inWindow(new Date('2026-03-31T00:00:00.000Z'), '2026-03-31', 30)).toBe(false);
    expect(inWindow(new Date('2026-03-30T23:59:59.999Z'), '2026-03-31', 30)).toBe(true);
  });

  it('crosses leap days and year ends by whole days', () => {
    expect(windowBounds('2024-03-01', 1).from).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(windowBounds('2027-01-01', 365).from).toEqual(new Date('2026-01-01T00:00:00Z'));
  });
});

describe('tiers', () => {
  it('EXCELLENT ≥ 0.95 > GOOD ≥ 0.90 > WATCH ≥ 0.85 > POOR, bars inclusive', () => {
    expect(tierFor(1, policy)).toBe('EXCELLENT');
    expect(tierFor(0.95, policy)).toBe('EXCELLENT');
    expect(tierFor(0.9499, policy)).toBe('GOOD');
    expect(tierFor(0.9, policy)).toBe('GOOD');
    expect(tierFor(0.8999, policy)).toBe('WATCH');
    expect(tierFor(0.85, policy)).toBe('WATCH');
    expect(tierFor(0.8499, policy)).toBe('POOR');
    expect(tierFor(0, policy)).toBe('POOR');
  });
});

describe('evaluation window', () => {
  it('uses the shortest evaluation window with at least minReviews reviews', () => {
    const e = evaluate(
      policy,
      counts([
        [90, 20, 19],
        [365, 100, 80],
      ]),
    );
    expect(e).toMatchObject({ windowDays: 90, n: 20, positives: 19, rawRate: 0.95, rate: 0.95, tier: 'EXCELLENT' });
  });

  it('falls back to the longer window when the short one is thin', () => {
    const e = evaluate(
      policy,
      counts([
        [90, 19, 19],
        [365, 100, 88],
      ]),
    );
    expect(e).toMatchObject({ windowDays: 365, n: 100, rate: 0.88, tier: 'WATCH' });
  });

  it('is INSUFFICIENT_DATA when no window qualifies, with the longest window counts for context', () => {
    const e = evaluate(
      policy,
      counts([
        [90, 3, 3],
        [365, 19, 19],
      ]),
    );
    expect(e).toEqual({
      windowDays: null,
      n: 19,
      positives: 19,
      rawRate: 1,
      wilsonLower: expect.any(Number),
      rate: null,
      tier: 'INSUFFICIENT_DATA',
    });
    expect(evaluate(policy, new Map()).tier).toBe('INSUFFICIENT_DATA');
    expect(evaluate(policy, new Map()).rawRate).toBeNull();
  });

  it('with WILSON a perfect but small sample does not pass the bar by luck', () => {
    const wilson = withDefaults({ rateMethod: 'WILSON' });
    const e = evaluate(
      wilson,
      counts([
        [90, 20, 20],
        [365, 20, 20],
      ]),
    );
    expect(e.rawRate).toBe(1);
    expect(e.rate).toBeCloseTo(0.8388748419471806, 9);
    expect(e.tier).toBe('POOR');
    expect(evaluate(policy, counts([[90, 20, 20]])).tier).toBe('EXCELLENT');
  });

  it('all negative is POOR at rate 0', () => {
    expect(evaluate(policy, counts([[90, 25, 0]]))).toMatchObject({ rate: 0, tier: 'POOR' });
  });

  it('counts every reported and evaluation window once', () => {
    expect(windowsToCount(withDefaults({ windows: [30, 90], evaluationWindows: [60, 90] }))).toEqual([30, 60, 90]);
  });
});
