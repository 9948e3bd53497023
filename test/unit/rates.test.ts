import { describe, expect, it } from 'vitest';

import { normalQuantile, rawRate, wilsonLowerBound, zForConfidence } from '../../src/scoring/domain/rates.js';

describe('raw rate', () => {
  it('is positives over n, and null for an empty window', () => {
    expect(rawRate(0, 0)).toBeNull();
    expect(rawRate(1, 1)).toBe(1);
    expect(rawRate(0, 1)).toBe(0);
    expect(rawRate(9, 10)).toBe(0.9);
    expect(rawRate(20, 20)).toBe(1);
    expect(rawRate(0, 20)).toBe(0);
  });
});

describe('normal quantiles', () => {
  // Published two-sided critical values.
  it.each([
    [0.9, 1.6448536269514715],
    [0.95, 1.9599639845400536],
    [0.99, 2.5758293035489],
  ])('z for confidence %s is %s', (confidence, z) => {
    expect(zForConfidence(confidence)).toBeCloseTo(z, 8);
  });

  it('is symmetric and covers both tails', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 7);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 7);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe('Wilson lower bound', () => {
  // Reference values of the Wilson score interval (two-sided, z from the confidence).
  it.each([
    [1, 1, 0.95, 0.2065493143772375],
    [0, 1, 0.95, 0],
    [81, 100, 0.95, 0.7222115462093563],
    [50, 100, 0.95, 0.4038315303659957],
    [9, 10, 0.95, 0.5958499732047615],
    [95, 100, 0.95, 0.8882495307680808],
    [900, 1000, 0.95, 0.8798480368046516],
    [20, 20, 0.95, 0.8388748419471806],
    [81, 100, 0.9, 0.7376400476715522],
    [81, 100, 0.99, 0.6909728946022774],
  ])('%i positives of %i at %s is %s', (positives, n, confidence, expected) => {
    expect(wilsonLowerBound(positives, n, confidence)).toBeCloseTo(expected, 7);
  });

  it('is null for an empty window', () => {
    expect(wilsonLowerBound(0, 0, 0.95)).toBeNull();
  });

  it('keeps small perfect samples below a 90% bar: 20 of 20 is not enough, 40 of 40 is', () => {
    expect(wilsonLowerBound(20, 20, 0.95)!).toBeLessThan(0.9);
    expect(wilsonLowerBound(40, 40, 0.95)!).toBeGreaterThan(0.9);
  });
});
