import { describe, expect, it } from 'vitest';

import { applicationStanding } from '../../src/governance/domain/admission.js';
import { nextStep, positivesNeeded } from '../../src/governance/domain/next-step.js';
import { withDefaults } from '../../src/policies/domain/policy.js';
import type { Evaluation } from '../../src/scoring/domain/evaluation.js';

const policy = withDefaults({});
const ev = (tier: Evaluation['tier'], positives = 90, n = 100): Evaluation => ({
  windowDays: tier === 'INSUFFICIENT_DATA' ? null : 90,
  n,
  positives,
  rawRate: positives / n,
  wilsonLower: null,
  rate: tier === 'INSUFFICIENT_DATA' ? null : positives / n,
  tier,
});

describe('positives needed', () => {
  it('counts the positive reviews that lift a raw rate to a bar', () => {
    // 85/100 → 0.90 needs k with (85+k)/(100+k) >= 0.9 → k = 50.
    expect(positivesNeeded(85, 100, 0.9, policy)).toBe(50);
    expect(positivesNeeded(90, 100, 0.9, policy)).toBe(0);
    expect(positivesNeeded(0, 0, 0.9, policy)).toBe(1);
    expect(positivesNeeded(99, 100, 1, policy)).toBeNull();
  });

  it('searches the smallest count for a Wilson bar', () => {
    const wilson = withDefaults({ rateMethod: 'WILSON' });
    const k = positivesNeeded(20, 20, 0.9, wilson)!;
    expect(k).toBeGreaterThan(0);
    expect(positivesNeeded(20 + k, 20 + k, 0.9, wilson)).toBe(0);
    expect(positivesNeeded(20 + k - 1, 20 + k - 1, 0.9, wilson)).toBe(1);
  });
});

/** PRODUCT.md, Trust rules: "The next step aims at the bar that matters". */
describe('the next step aims at the bar that matters', () => {
  it('a pending applicant is told how many reviews it needs, then what reaches admission', () => {
    expect(nextStep({ status: 'APPLICANT' }, ev('INSUFFICIENT_DATA', 5, 5), policy)).toBe(
      'Needs at least 20 reviews in the last 365 days (has 5) to be rated; admission then needs a rate of at least 90.0%.',
    );
  });

  it('a rejected applicant is told what reaches admission, not WATCH, and from when it may apply again', () => {
    // 20/30 = 66.7% is POOR: the step aims at admission (90%), k with (20+k)/(30+k) >= 0.9 → k = 70.
    const step = nextStep({ status: 'REJECTED', mayApplyFrom: '2026-05-30' }, ev('POOR', 20, 30), policy);
    expect(step).toBe(
      'May apply again from 2026-05-30; admission will need a rate of at least 90.0% in the 90-day window: ' +
        '70 more positive reviews with no new negative one (now 20/30 = 66.7%).',
    );
    expect(step).not.toContain('WATCH');
    expect(nextStep({ status: 'REJECTED', mayApplyFrom: null }, ev('WATCH', 88), policy)).toMatch(
      /^May apply again now; admission will need/,
    );
  });

  it('an active supplier with a warning is told what clears it (GOOD); others the next tier up', () => {
    expect(nextStep({ status: 'ACTIVE' }, ev('WATCH', 88), policy)).toBe(
      'To reach GOOD (90.0%) in the 90-day window: 20 more positive reviews with no new negative one (now 88/100 = 88.0%).',
    );
    expect(nextStep({ status: 'ACTIVE' }, ev('GOOD', 90), policy)).toMatch(/^To reach EXCELLENT \(95\.0%\)/);
    expect(nextStep({ status: 'ACTIVE' }, ev('EXCELLENT', 97), policy)).toBe(
      'Keep the positive rate at or above 95.0% to stay EXCELLENT (now 97.0%).',
    );
    expect(nextStep({ status: 'ACTIVE' }, ev('INSUFFICIENT_DATA', 3, 3), policy)).toBe(
      'Needs at least 20 reviews in the last 365 days (has 3) to be rated.',
    );
  });

  it('a supplier on probation is told what reaches reinstatement, and when probation ends', () => {
    expect(nextStep({ status: 'PROBATION', probationEndsAt: '2026-05-01' }, ev('POOR', 32, 40), policy)).toBe(
      'To reach reinstatement (92.0%) in the 90-day window: 60 more positive reviews with no new negative one (now 32/40 = 80.0%). ' +
        'Probation ends on 2026-05-01: not reinstated by then, the supplier is delisted.',
    );
    // On probation with fine reviews and no failed audit standing: the rate already meets the bar.
    expect(nextStep({ status: 'PROBATION', probationEndsAt: '2026-05-01' }, ev('EXCELLENT', 97), policy)).toContain(
      'To reach reinstatement (92.0%) in the 90-day window: the rate already meets it (now 97/100 = 97.0%).',
    );
    expect(nextStep({ status: 'PROBATION', probationEndsAt: '2026-05-01' }, ev('INSUFFICIENT_DATA', 4, 4), policy)).toBe(
      'Needs at least 20 reviews in the last 365 days (has 4) to be rated; reinstatement then needs a rate of at least 92.0%. ' +
        'Probation ends on 2026-05-01: not reinstated by then, the supplier is delisted.',
    );
  });

  it('on probation while a failed audit stands, only a passing re-audit reinstates, whatever the reviews', () => {
    const standing = { status: 'PROBATION' as const, probationEndsAt: '2026-07-01', auditFailedOn: '2026-06-01' };
    const step =
      'Only a passing re-audit reinstates: the audit of 2026-06-01 failed, and reviews alone do not outweigh it. ' +
      'Without one by 2026-07-01 the supplier is delisted (at once if its rate falls below 70.0%).';
    expect(nextStep(standing, ev('EXCELLENT', 97), policy)).toBe(step);
    expect(nextStep(standing, ev('POOR', 32, 40), policy)).toBe(step);
    // Reinstated by the re-audit: the next tier again.
    expect(nextStep({ status: 'ACTIVE', auditFailedOn: null }, ev('GOOD', 90), policy)).toMatch(/^To reach EXCELLENT/);
  });

  it('a suspended supplier is told that a manager must lift the suspension', () => {
    expect(nextStep({ status: 'SUSPENDED' }, ev('EXCELLENT', 97), policy)).toBe(
      'Suspended by a manager: scoring runs leave the supplier as it is until a manager lifts the suspension.',
    );
  });

  it('a delisted supplier is told from which date it may apply again and what admission will need', () => {
    expect(nextStep({ status: 'DELISTED', mayApplyFrom: '2026-06-30' }, ev('POOR', 26, 40), policy)).toBe(
      'May apply again from 2026-06-30; admission will need a rate of at least 90.0% in the 90-day window: ' +
        '100 more positive reviews with no new negative one (now 26/40 = 65.0%).',
    );
    expect(nextStep({ status: 'DELISTED', mayApplyFrom: '2026-06-30' }, ev('INSUFFICIENT_DATA', 2, 2), policy)).toBe(
      'May apply again from 2026-06-30; admission will need at least 20 reviews in the last 365 days (has 2) and a rate of at least 90.0%.',
    );
  });

  it('an application leaves the supplier admitted, rejected with a cooldown, or as it was', () => {
    const applicant = { status: 'APPLICANT' as const, statusAsOf: null };
    expect(applicationStanding('ADMITTED', applicant, '2026-03-01', policy)).toEqual({ status: 'ACTIVE', mayApplyFrom: null });
    expect(applicationStanding('REJECTED', applicant, '2026-03-01', policy)).toEqual({ status: 'REJECTED', mayApplyFrom: '2026-05-30' });
    expect(applicationStanding('PENDING_EVIDENCE', applicant, '2026-03-01', policy)).toEqual({ status: 'APPLICANT', mayApplyFrom: null });
    // A rejected supplier whose cooldown has run applies again and waits for evidence: it may apply again now.
    const rejected = { status: 'REJECTED' as const, statusAsOf: '2026-01-01' };
    expect(applicationStanding('PENDING_EVIDENCE', rejected, '2026-06-01', policy)).toEqual({ status: 'REJECTED', mayApplyFrom: null });
  });
});
