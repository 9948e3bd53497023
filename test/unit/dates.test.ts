import { describe, expect, it } from 'vitest';

import { asOfRangeRefusal, noSuchDateReason } from '../../src/common/time/dates.js';
import { backdatedRunRefusal } from '../../src/governance/domain/run-dates.js';

describe('as-of dates', () => {
  it('names why a YYYY-MM-DD string is no calendar day', () => {
    expect(noSuchDateReason('2017-02-30')).toBe('February 2017 has 28 days');
    expect(noSuchDateReason('2024-02-30')).toBe('February 2024 has 29 days');
    expect(noSuchDateReason('1900-02-29')).toBe('February 1900 has 28 days');
    expect(noSuchDateReason('2000-02-29')).toBeNull();
    expect(noSuchDateReason('0000-02-29')).toBeNull();
    expect(noSuchDateReason('2026-06-31')).toBe('June 2026 has 30 days');
    expect(noSuchDateReason('2026-00-10')).toBe('there is no month 0');
    expect(noSuchDateReason('2026-12-31')).toBeNull();
    expect(noSuchDateReason('2026-1-1')).toBeNull(); // not shaped as a date at all
  });

  it('takes dates from 2000-01-01 to today, the bounds included', () => {
    expect(asOfRangeRefusal('2000-01-01', '2026-12-01')).toBeNull();
    expect(asOfRangeRefusal('2026-12-01', '2026-12-01')).toBeNull();
    expect(asOfRangeRefusal('1999-12-31', '2026-12-01')).toBe('must not be before 2000-01-01');
    expect(asOfRangeRefusal('2026-12-02', '2026-12-01')).toBe('must not be after today (2026-12-01, UTC)');
  });
});

describe('a scoring run moves forward', () => {
  const hotel = { id: 'r1', asOf: '2026-05-02', category: 'hotel' };
  const all = { id: 'r2', asOf: '2026-05-02', category: null };

  it('refuses a date before the covering run and names its date', () => {
    expect(backdatedRunRefusal('2026-05-01', 'hotel', hotel)).toBe(
      'A scoring run of category "hotel" as of 2026-05-02 has succeeded (r1); a run of category "hotel" may not be dated before 2026-05-02, since decisions move forward in time',
    );
    expect(backdatedRunRefusal('2026-05-01', null, hotel)).toContain('a run of all categories may not be dated before 2026-05-02');
    expect(backdatedRunRefusal('2026-05-01', 'tour', all)).toContain('A scoring run of all categories as of 2026-05-02');
  });

  it('allows the same date, a later one, or any date when nothing covered the suppliers', () => {
    expect(backdatedRunRefusal('2026-05-02', 'hotel', hotel)).toBeNull();
    expect(backdatedRunRefusal('2026-05-03', null, all)).toBeNull();
    expect(backdatedRunRefusal('2017-01-05', 'hotel', null)).toBeNull();
  });
});
