import { describe, expect, it } from 'vitest';

import { admissionOutcome, admissionReason, cooldownEndsOn } from '../../src/governance/domain/admission.js';
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
