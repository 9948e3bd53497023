import { describe, expect, it } from 'vitest';

import { countsOf, decisionDays, probationHorizon, standingDistribution } from '../../src/triage/domain/overview.js';

describe('category overview figures', () => {
  it('counts every key, zero when absent, ignoring keys outside the list', () => {
    expect(
      countsOf(['A', 'B', 'C'] as const, [
        { key: 'B', n: 2 },
        { key: 'B', n: 1 },
        { key: 'Z' as 'A', n: 9 },
      ]),
    ).toEqual({ A: 0, B: 3, C: 0 });
  });

  it('counts every status, and only ACTIVE and PROBATION suppliers by tier (null as NOT_SCORED)', () => {
    const d = standingDistribution([
      { status: 'ACTIVE', tier: 'GOOD', n: 3 },
      { status: 'ACTIVE', tier: null, n: 1 },
      { status: 'PROBATION', tier: 'POOR', n: 2 },
      { status: 'SUSPENDED', tier: 'POOR', n: 4 },
      { status: 'APPLICANT', tier: null, n: 5 },
    ]);
    expect(d).toEqual({
      total: 15,
      byStatus: { APPLICANT: 5, ACTIVE: 4, PROBATION: 2, SUSPENDED: 4, DELISTED: 0, REJECTED: 0 },
      live: 6,
      byTier: { EXCELLENT: 0, GOOD: 3, WATCH: 0, POOR: 2, INSUFFICIENT_DATA: 0, NOT_SCORED: 1 },
    });
  });

  it('counts the decisions of the as-of day and the 6 before it', () => {
    expect(decisionDays('2026-12-01')).toEqual({ from: '2026-11-25', to: '2026-12-01' });
    expect(decisionDays('2026-03-01')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
  });

  it('bounds "ending within 14 days" after today + 14, exclusive', () => {
    expect(probationHorizon('2026-12-20')).toBe('2027-01-04');
  });
});
