import { describe, expect, it } from 'vitest';

import { admissionReason } from '../../src/governance/domain/admission.js';
import { decideSanction } from '../../src/governance/domain/sanctions.js';
import { isSimulatedChange, simulatedDecision } from '../../src/governance/domain/simulation.js';
import { withDefaults } from '../../src/policies/domain/policy.js';
import type { Evaluation } from '../../src/scoring/domain/evaluation.js';
import type { Tier } from '../../src/suppliers/domain/supplier-lifecycle.js';

const policy = withDefaults({});

function evaluation(rate: number | null, tier: Tier): Evaluation {
  return rate === null
    ? { windowDays: null, n: 3, positives: 3, rawRate: 1, wilsonLower: 0.4, rate: null, tier: 'INSUFFICIENT_DATA' }
    : { windowDays: 90, n: 100, positives: Math.round(rate * 100), rawRate: rate, wilsonLower: rate - 0.05, rate, tier };
}

const live = {
  status: 'ACTIVE',
  storedTier: 'GOOD',
  probationEndsAt: null,
  asOf: '2026-06-01',
  auditFailedOn: null,
  holdUntil: null,
} as const;
const noSanction = { decision: null, status: 'APPLICANT', tier: null, probationEndsAt: null, holdUntil: null, reason: null } as const;

describe('simulated decision', () => {
  it("a live supplier gets the run's sanction with the reason the run's decision would carry", () => {
    const e = evaluation(0.8, 'POOR');
    const outcome = decideSanction(policy, { ...live, evaluation: e });
    expect(simulatedDecision('ACTIVE', e, outcome, policy)).toEqual({ decision: 'PENALTY', reason: outcome.reason });
    expect(outcome.reason).toBe(
      'Rate 80.0% over the last 90 days (80/100 positive) is below the penalty bar of 85.0%: on probation until 2026-07-01.',
    );
  });

  it('a live supplier with nothing to decide has no decision and no reason', () => {
    const e = evaluation(0.91, 'GOOD');
    const outcome = decideSanction(policy, { ...live, evaluation: e });
    expect(simulatedDecision('ACTIVE', e, outcome, policy)).toEqual({ decision: null, reason: null });
  });

  it("a supplier a manager's hold covers gets no decision, as the run would make none", () => {
    const e = evaluation(0.8, 'POOR');
    const outcome = decideSanction(policy, { ...live, holdUntil: '2026-06-30', evaluation: e });
    expect(simulatedDecision('ACTIVE', e, outcome, policy)).toEqual({ decision: null, reason: null });
  });

  it("an applicant gets what an application would decide, with the application's reason", () => {
    const good = evaluation(0.92, 'GOOD');
    expect(simulatedDecision('APPLICANT', good, noSanction, policy)).toEqual({
      decision: 'ADMIT',
      reason: admissionReason('ADMITTED', good, policy),
    });
    const watch = evaluation(0.86, 'WATCH');
    expect(simulatedDecision('APPLICANT', watch, noSanction, policy)).toEqual({
      decision: 'REJECT',
      reason: 'Rate 86.0% over the last 90 days (86/100 positive) is below the admission bar of 90.0%.',
    });
  });

  it('an applicant without enough reviews gets no decision (it would stay pending)', () => {
    expect(simulatedDecision('APPLICANT', evaluation(null, 'INSUFFICIENT_DATA'), noSanction, policy)).toEqual({
      decision: null,
      reason: null,
    });
  });
});

describe('what changesOnly lists', () => {
  it('a decision is a change whatever the tiers', () => {
    expect(isSimulatedChange('GOOD', 'GOOD', 'REWARD')).toBe(true);
    expect(isSimulatedChange(null, 'GOOD', 'ADMIT')).toBe(true);
  });

  it('a tier other than the stored one is a change', () => {
    expect(isSimulatedChange('WATCH', 'GOOD', null)).toBe(true);
    expect(isSimulatedChange('GOOD', 'INSUFFICIENT_DATA', null)).toBe(true);
  });

  it("an applicant's first tier without a decision is not a change", () => {
    expect(isSimulatedChange(null, 'INSUFFICIENT_DATA', null)).toBe(false);
    expect(isSimulatedChange(null, 'WATCH', null)).toBe(false);
  });

  it('the stored tier again, without a decision, is not a change', () => {
    expect(isSimulatedChange('GOOD', 'GOOD', null)).toBe(false);
    expect(isSimulatedChange('INSUFFICIENT_DATA', 'INSUFFICIENT_DATA', null)).toBe(false);
  });
});
