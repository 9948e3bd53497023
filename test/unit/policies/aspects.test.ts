import { describe, expect, it } from 'vitest';

import { type Aspect, aspectViolations, BUILT_IN_TAXONOMY_CATEGORIES, defaultAspects } from '../../../src/policies/domain/aspects.js';

const HAN = /\p{Script=Han}/u;
const CATEGORIES = [...BUILT_IN_TAXONOMY_CATEGORIES, 'museum'];
const byKey = (aspects: Aspect[]) => new Map(aspects.map((a) => [a.key, a]));

describe('built-in aspect taxonomies', () => {
  it('exist for hotel, tour, flight, guide and car; any other category gets the generic set', () => {
    expect([...BUILT_IN_TAXONOMY_CATEGORIES].sort()).toEqual(['car', 'flight', 'guide', 'hotel', 'tour']);
    expect(defaultAspects('museum')).toEqual(defaultAspects('anything-else'));
    expect(defaultAspects('museum')).not.toEqual(defaultAspects('hotel'));
  });

  it('keeps the fixed hotel keys the labelled evaluation set uses, plus overall', () => {
    expect(defaultAspects('hotel').map((a) => a.key)).toEqual(
      [
        'cleanliness',
        'staff',
        'room',
        'bed_sleep',
        'noise',
        'breakfast_food',
        'location',
        'value',
        'check_in',
        'bathroom',
        'wifi',
        'safety',
        'weather',
        'platform_booking',
        'overall',
      ].sort(),
    );
  });

  it.each(CATEGORIES)('%s: passes aspectViolations, unique keys, English and Chinese terms on every aspect', (category) => {
    const aspects = defaultAspects(category);
    expect(aspectViolations(aspects)).toEqual([]);
    expect(new Set(aspects.map((a) => a.key)).size).toBe(aspects.length);
    for (const a of aspects) {
      expect(a.key).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(a.label.trim()).not.toBe('');
      expect(
        a.terms.some((t) => /^[a-z]/.test(t)),
        `${category}.${a.key} has an English term`,
      ).toBe(true);
      expect(
        a.terms.some((t) => HAN.test(t)),
        `${category}.${a.key} has a Chinese term`,
      ).toBe(true);
      for (const t of a.terms) expect(t).toBe(t.trim().toLowerCase());
    }
  });

  it.each(CATEGORIES)('%s: safety is critical; weather and platform_booking are not controllable; overall is', (category) => {
    const aspects = byKey(defaultAspects(category));
    expect(aspects.get('safety')).toMatchObject({ critical: true, supplierControllable: true });
    expect(aspects.get('weather')).toMatchObject({ supplierControllable: false, critical: false });
    expect(aspects.get('platform_booking')).toMatchObject({ supplierControllable: false, critical: false });
    expect(aspects.get('overall')).toMatchObject({ supplierControllable: true, critical: false });
    const critical = [...aspects.values()].filter((a) => a.critical).map((a) => a.key);
    expect(critical).toEqual(['safety']);
  });

  it('flight treats air traffic control as outside the airline control', () => {
    expect(byKey(defaultAspects('flight')).get('air_traffic_control')).toMatchObject({ supplierControllable: false });
  });

  it('returns a fresh copy each time', () => {
    const first = defaultAspects('hotel');
    first[0].terms.push('changed');
    first.pop();
    expect(defaultAspects('hotel')).toHaveLength(15);
    expect(defaultAspects('hotel')[0].terms).not.toContain('changed');
  });
});

describe('aspectViolations', () => {
  it('names a repeated key, an empty term list, a blank and a repeated term', () => {
    const aspects: Aspect[] = [
      { key: 'a', label: 'A', supplierControllable: true, critical: false, terms: ['x', ' X '] },
      { key: 'a', label: 'A2', supplierControllable: true, critical: false, terms: [] },
      { key: 'b', label: 'B', supplierControllable: true, critical: false, terms: ['  '] },
    ];
    expect(aspectViolations(aspects)).toEqual([
      { field: 'aspects[0].terms[1]', message: 'repeats the term " X "' },
      { field: 'aspects[1].key', message: 'repeats the key "a"' },
      { field: 'aspects[1].terms', message: 'must name at least one term' },
      { field: 'aspects[2].terms[0]', message: 'must not be blank' },
    ]);
  });
});
