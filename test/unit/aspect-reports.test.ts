import { describe, expect, it } from 'vitest';

import { type Aspect, defaultAspects } from '../../src/policies/domain/aspects.js';
import {
  aspectLines,
  type AspectWindows,
  criticalKeys,
  type DriverCounts,
  drivers,
  taxonomyOf,
  TOP_SUPPLIERS,
} from '../../src/voice/reports/domain/aspect-reports.js';

const aspect = (key: string, options: Partial<Aspect> = {}): Aspect => ({
  key,
  label: key.toUpperCase(),
  supplierControllable: true,
  critical: false,
  terms: [key],
  ...options,
});
const TAXONOMY = [
  aspect('staff'),
  aspect('room'),
  aspect('safety', { critical: true }),
  aspect('weather', { supplierControllable: false }),
];
const windows = (mentions: number, negative: number, previousMentions = 0, previousNegative = 0): AspectWindows => ({
  current: { mentions, negative },
  previous: { mentions: previousMentions, negative: previousNegative },
});

describe("a supplier's aspects", () => {
  it('lists every aspect in taxonomy order, with shares of its mentions and null where nothing was said', () => {
    const lines = aspectLines(
      TAXONOMY,
      new Map([
        ['room', windows(4, 1, 5, 5)],
        ['staff', windows(0, 0, 2, 1)],
      ]),
    );
    expect(lines.map((l) => l.key)).toEqual(['staff', 'room', 'safety', 'weather']);
    expect(lines[0]).toEqual({
      key: 'staff',
      label: 'STAFF',
      supplierControllable: true,
      mentions: 0,
      negative: 0,
      negativeShare: null,
      previousNegativeShare: 0.5,
    });
    expect(lines[1]).toMatchObject({ mentions: 4, negative: 1, negativeShare: 0.25, previousNegativeShare: 1 });
    expect(lines[2]).toMatchObject({ mentions: 0, negativeShare: null, previousNegativeShare: null });
    expect(lines[3].supplierControllable).toBe(false);
  });

  it('lists keys the taxonomy no longer has after it, by key, labelled with the key; not when both windows are empty', () => {
    const lines = aspectLines(
      TAXONOMY,
      new Map([
        ['wifi', windows(2, 2)],
        ['bathroom', windows(0, 0, 1, 0)],
        ['gone', windows(0, 0, 0, 0)],
      ]),
    );
    expect(lines.slice(4)).toEqual([
      {
        key: 'bathroom',
        label: 'bathroom',
        supplierControllable: null,
        mentions: 0,
        negative: 0,
        negativeShare: null,
        previousNegativeShare: 0,
      },
      { key: 'wifi', label: 'wifi', supplierControllable: null, mentions: 2, negative: 2, negativeShare: 1, previousNegativeShare: null },
    ]);
  });
});

describe("a category's drivers", () => {
  const top = (...counts: number[]) => counts.map((count, i) => ({ supplierId: `s${i}`, name: `S${i}`, count }));
  const counts = (entries: Array<[string, DriverCounts]>) => new Map(entries);

  it('orders by share, largest first, ties by key; every aspect listed, share = count / negative reviews', () => {
    const list = drivers(
      TAXONOMY,
      10,
      counts([
        ['weather', { count: 3, topSuppliers: top(2, 1) }],
        ['room', { count: 3, topSuppliers: top(3) }],
        ['staff', { count: 6, topSuppliers: top(4, 2) }],
      ]),
    );
    expect(list.map((d) => [d.key, d.share])).toEqual([
      ['staff', 0.6],
      ['room', 0.3],
      ['weather', 0.3],
      ['safety', 0],
    ]);
    expect(list[0]).toMatchObject({ label: 'STAFF', supplierControllable: true, count: 6, topSuppliers: top(4, 2) });
    expect(list[2].supplierControllable).toBe(false);
    expect(list[3]).toMatchObject({ count: 0, topSuppliers: [] });
  });

  it('shares are 0 without negative reviews; at most 5 suppliers; dropped keys after the taxonomy with a null controllable', () => {
    const list = drivers(
      TAXONOMY,
      0,
      counts([
        ['staff', { count: 21, topSuppliers: top(6, 5, 4, 3, 2, 1) }],
        ['old', { count: 1, topSuppliers: top(1) }],
      ]),
    );
    expect(list.every((d) => d.share === 0)).toBe(true);
    expect(list.map((d) => d.key)).toEqual(['old', 'room', 'safety', 'staff', 'weather']);
    expect(list.find((d) => d.key === 'staff')!.topSuppliers).toHaveLength(TOP_SUPPLIERS);
    expect(list.find((d) => d.key === 'old')).toMatchObject({ label: 'old', supplierControllable: null, count: 1 });
  });
});

describe('taxonomies', () => {
  it("names the critical aspects in taxonomy order; a version without a taxonomy reads as its category's default", () => {
    expect(criticalKeys(TAXONOMY)).toEqual(['safety']);
    expect(taxonomyOf({ category: 'hotel', aspects: TAXONOMY })).toBe(TAXONOMY);
    expect(taxonomyOf({ category: 'hotel', aspects: null })).toEqual(defaultAspects('hotel'));
    expect(taxonomyOf({ category: 'hotel' })).toEqual(defaultAspects('hotel'));
  });
});
