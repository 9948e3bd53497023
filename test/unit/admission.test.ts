import { describe, expect, it } from 'vitest';

import { admissionOutcome, admissionReason, cooldownEndsOn } from '../../src/governance/domain/admission.js';
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

describe('admission', () => {
  it('admits EXCELLENT and GOOD, waits for evidence, rejects WATCH and POOR', () => {
    expect(admissionOutcome(ev('EXCELLENT'))).toBe('ADMITTED');
    expect(admissionOutcome(ev('GOOD'))).toBe('ADMITTED');
    expect(admissionOutcome(ev('INSUFFICIENT_DATA'))).toBe('PENDING_EVIDENCE');
    expect(admissionOutcome(ev('WATCH'))).toBe('REJECTED');
    expect(admissionOutcome(ev('POOR'))).toBe('REJECTED');
  });

  it('cooldown runs readmissionCooldownDays from the rejection or delisting', () => {
    expect(cooldownEndsOn('REJECTED', '2026-01-01', '2026-03-31', policy)).toBe('2026-04-01');
    expect(cooldownEndsOn('REJECTED', '2026-01-01', '2026-04-01', policy)).toBeNull();
    expect(cooldownEndsOn('DELISTED', '2026-01-01', '2026-02-01', policy)).toBe('2026-04-01');
    expect(cooldownEndsOn('APPLICANT', null, '2026-02-01', policy)).toBeNull();
    expect(cooldownEndsOn('REJECTED', '2026-01-01', '2026-01-01', withDefaults({ readmissionCooldownDays: 0 }))).toBeNull();
  });

  it('explains the outcome in words', () => {
    expect(admissionReason('ADMITTED', ev('GOOD', 92), policy)).toBe(
      'Rate 92.0% over the last 90 days (92/100 positive) meets the admission bar of 90.0%.',
    );
    expect(admissionReason('PENDING_EVIDENCE', ev('INSUFFICIENT_DATA', 5, 5), policy)).toContain('20 are needed');
  });
});

describe('next step', () => {
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

  it('says what reaches the next tier, or reinstatement on probation', () => {
    expect(nextStep(ev('WATCH', 88), policy, false)).toBe(
      'To reach GOOD (90.0%) in the 90-day window: 20 more positive reviews with no new negative one (now 88/100 = 88.0%).',
    );
    expect(nextStep(ev('POOR', 80), policy, true)).toContain('To reach reinstatement (92.0%)');
    expect(nextStep(ev('EXCELLENT', 97), policy, false)).toContain('to stay EXCELLENT');
    expect(nextStep(ev('INSUFFICIENT_DATA', 3, 3), policy, false)).toContain('Needs at least 20 reviews in the last 90 days');
  });
});
