import { describe, expect, it } from 'vitest';

import { detectLayout, hotelRef, mapRecord, ratingCell } from '../../src/reviews/import/csv-review-mapping.js';

describe('CSV review mapping', () => {
  it('recognises the Datafiniti and plain layouts and refuses others', () => {
    expect(detectLayout(['name', 'address', 'city', 'reviews.rating', 'reviews.date'])).toBe('datafiniti');
    expect(detectLayout(['externalId', 'supplierRef', 'rating', 'reviewedAt'])).toBe('plain');
    expect(() => detectLayout(['externalId', 'rating'])).toThrow(/missing: reviewedAt/);
  });

  it('keeps ratings as numbers when numeric so the validator can refuse 0 and 4.1', () => {
    expect(ratingCell('4')).toBe(4);
    expect(ratingCell(' 4.1 ')).toBe(4.1);
    expect(ratingCell('0')).toBe(0);
    expect(ratingCell('')).toBeUndefined();
    expect(ratingCell('five')).toBe('five');
  });

  it('a hotel is name + address + city: same name elsewhere is another supplier', () => {
    expect(hotelRef('Best Western', '1 Main St', 'Austin')).not.toBe(hotelRef('Best Western', '1 Main St', 'Boston'));
    expect(hotelRef('Best Western', '1 Main St', 'Austin')).toBe(hotelRef('Best Western', '1 Main St', 'Austin'));
    expect(hotelRef('Hôtel Ünï', 'x', 'Paris')).toMatch(/^hotel-hotel-uni-paris-[0-9a-f]{10}$/);
  });

  it('maps a Datafiniti row, numbering rows without reviews.id by line', () => {
    const mapped = mapRecord(
      'datafiniti',
      {
        name: 'Hotel Russo Palace',
        address: 'Riviera 11',
        city: 'Mableton',
        'reviews.id': '',
        'reviews.rating': '4',
        'reviews.date': '2013-09-22T00:00:00Z',
        'reviews.title': 'Good',
        'reviews.text': 'Nice',
      },
      7,
      undefined,
    );
    expect(mapped.item).toEqual({
      source: 'datafiniti',
      externalId: 'row-7',
      supplierRef: hotelRef('Hotel Russo Palace', 'Riviera 11', 'Mableton'),
      rating: 4,
      reviewedAt: '2013-09-22T00:00:00Z',
      title: 'Good',
      text: 'Nice',
    });
    expect(mapped.supplier).toEqual({ externalRef: mapped.item.supplierRef, name: 'Hotel Russo Palace', city: 'Mableton' });
  });
});
