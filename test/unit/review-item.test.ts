import { describe, expect, it } from 'vitest';

import { parseTimestamp, utcDay, validateReviewItem } from '../../src/reviews/domain/review-item.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const good = { externalId: 'r1', supplierRef: 'S-1', rating: 5, reviewedAt: '2026-11-01T10:00:00Z' };

function fieldsOf(raw: unknown): string[] {
  const check = validateReviewItem(raw, NOW);
  return check.ok ? [] : check.errors.map((e) => e.field);
}

describe('review item validation', () => {
  it('accepts a minimal item and fills the defaults', () => {
    const check = validateReviewItem(good, NOW);
    expect(check).toEqual({
      ok: true,
      item: {
        source: 'platform',
        externalId: 'r1',
        supplierRef: 'S-1',
        supplierId: undefined,
        rating: 5,
        reviewedAt: new Date('2026-11-01T10:00:00Z'),
        title: null,
        text: null,
        productRef: null,
      },
    });
  });

  it.each([0, 6, 4.1, '5', null, undefined, Number.NaN])('refuses rating %s', (rating) => {
    expect(fieldsOf({ ...good, rating })).toEqual(['rating']);
  });

  it.each([undefined, '', 'yesterday', '2026-13-01T00:00:00Z', '2026-02-30', '2026-11-01T10:00:00', 12345])(
    'refuses reviewedAt %s',
    (reviewedAt) => {
      expect(fieldsOf({ ...good, reviewedAt })).toEqual(['reviewedAt']);
    },
  );

  it('refuses a future reviewedAt beyond five minutes of clock skew, accepts within it', () => {
    expect(fieldsOf({ ...good, reviewedAt: '2026-11-25T12:10:00Z' })).toEqual(['reviewedAt']);
    expect(fieldsOf({ ...good, reviewedAt: '2026-11-25T12:04:00Z' })).toEqual([]);
  });

  it('accepts offsets and bare dates', () => {
    expect(parseTimestamp('2026-11-01T10:00:00+02:00')).toEqual(new Date('2026-11-01T08:00:00Z'));
    expect(parseTimestamp('2026-11-01')).toEqual(new Date('2026-11-01T00:00:00Z'));
    expect(parseTimestamp('2026-11-01T10:00:00.123Z')).toEqual(new Date('2026-11-01T10:00:00.123Z'));
  });

  it('needs exactly one of supplierId and supplierRef', () => {
    expect(fieldsOf({ externalId: 'r', rating: 5, reviewedAt: '2026-01-01' })).toEqual(['supplierId']);
    expect(fieldsOf({ ...good, supplierId: '00000000-0000-4000-8000-000000000000' })).toEqual(['supplierRef']);
    expect(fieldsOf({ externalId: 'r', supplierId: 'nope', rating: 5, reviewedAt: '2026-01-01' })).toEqual(['supplierId']);
  });

  it('refuses unknown fields, oversized text, control characters and a bad source', () => {
    expect(fieldsOf({ ...good, stars: 5 })).toEqual(['stars']);
    expect(fieldsOf({ ...good, text: 'x'.repeat(20_001) })).toEqual(['text']);
    expect(fieldsOf({ ...good, text: 'x'.repeat(20_000) })).toEqual([]);
    expect(fieldsOf({ ...good, title: 'a\u0000b' })).toEqual(['title']);
    expect(fieldsOf({ ...good, supplierRef: 'S\u001e1' })).toEqual(['supplierRef']);
    expect(fieldsOf({ ...good, supplierRef: 'S-1, "Lido" \\ 2' })).toEqual([]);
    expect(fieldsOf({ ...good, text: 'line one\nline two\ttab' })).toEqual([]);
    expect(fieldsOf({ ...good, source: 'Bad Source' })).toEqual(['source']);
    expect(fieldsOf({ ...good, externalId: '' })).toEqual(['externalId']);
  });

  it('reports every problem of an item at once, and non-objects as a whole', () => {
    expect(fieldsOf({ rating: 9 })).toEqual(['externalId', 'supplierId', 'rating', 'reviewedAt']);
    expect(fieldsOf('a string')).toEqual(['']);
    expect(fieldsOf([good])).toEqual(['']);
  });

  it('buckets reviews by UTC day', () => {
    expect(utcDay(new Date('2026-11-01T23:59:59.999Z'))).toBe('2026-11-01');
    expect(utcDay(new Date('2026-11-01T23:30:00-02:00'))).toBe('2026-11-02');
  });
});
