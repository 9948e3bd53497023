import { describe, expect, it } from 'vitest';

import { holdLiftedReason, holdNextStep, holdRefusal, MAX_HOLD_DAYS } from '../../src/governance/domain/hold.js';
import { type OverriddenStanding, overrideWarnings } from '../../src/governance/domain/override-warnings.js';
import { withDefaults } from '../../src/policies/domain/policy.js';
import { complaintFigures } from '../../src/scoring/domain/complaint-rate.js';
import type { Evaluation } from '../../src/scoring/domain/evaluation.js';
import { standingRefusal } from '../../src/suppliers/domain/supplier-lifecycle.js';

const policy = withDefaults({});
const today = '2026-06-01';

function evaluation(positives: number, n = 100): Evaluation {
  const rate = positives / n;
  const tier = rate >= 0.95 ? 'EXCELLENT' : rate >= 0.9 ? 'GOOD' : rate >= 0.85 ? 'WATCH' : 'POOR';
  return { windowDays: 90, n, positives, rawRate: rate, wilsonLower: rate - 0.05, rate, tier };
}
const active: OverriddenStanding = { status: 'ACTIVE', tier: 'GOOD', probationEndsAt: null, holdUntil: null, auditFailedOn: null };

describe('holds on overrides', () => {
  it('a hold is after today, at most 180 days ahead, and only on an override to ACTIVE', () => {
    expect(holdRefusal('2026-06-02', 'ACTIVE', today)).toBeNull();
    expect(holdRefusal('2026-11-28', 'ACTIVE', today)).toBeNull();
    expect(MAX_HOLD_DAYS).toBe(180);
    expect(holdRefusal('2026-11-29', 'ACTIVE', today)).toBe('must be at most 180 days ahead (2026-11-28 at the latest)');
    expect(holdRefusal('2026-06-01', 'ACTIVE', today)).toBe('must be after today (2026-06-01)');
    expect(holdRefusal('2026-05-01', 'ACTIVE', today)).toBe('must be after today (2026-06-01)');
    for (const target of ['SUSPENDED', 'DELISTED', 'REJECTED'] as const) {
      expect(holdRefusal('2026-07-01', target, today)).toContain(`an override to ${target} cannot carry one`);
    }
  });

  it("only a manager's override sets a hold; anyone may clear one", () => {
    const none = { holdUntil: null, auditFailedOn: null };
    const held = { holdUntil: '2026-07-01', auditFailedOn: null };
    expect(standingRefusal(none, held, 'MANUAL')).toBeNull();
    expect(standingRefusal(none, held, 'ADMISSION_OVERRIDE')).toBeNull();
    for (const cause of ['SANCTION', 'AUDIT', 'ADMISSION'] as const) {
      expect(standingRefusal(none, held, cause)).toContain("Only a manager's override sets a hold");
      expect(standingRefusal(held, none, cause)).toBeNull();
      expect(standingRefusal(held, held, cause)).toBeNull();
    }
  });

  it('the next step of a hold says until when runs stand still', () => {
    expect(holdNextStep('2026-07-01')).toBe(
      'Held until 2026-07-01: scoring runs dated up to then make no sanction decision (the tier still follows the reviews); from 2026-07-02 the rules apply again.',
    );
  });
});

describe('override warnings', () => {
  it('warn of a probation at the next run, in the words of the issue', () => {
    expect(overrideWarnings(policy, { ...active, tier: 'POOR' }, evaluation(72), today)).toEqual([
      "At today's rate 72.0% (below the penalty bar 85.0%) the next scoring run would put this supplier on probation.",
    ]);
  });

  it('warn of a delisting below the bar and of a warning on entering WATCH', () => {
    expect(overrideWarnings(policy, active, evaluation(65), today)).toEqual([
      "At today's rate 65.0% (below the delisting bar 70.0%) the next scoring run would delist this supplier.",
    ]);
    expect(overrideWarnings(policy, active, evaluation(87), today)).toEqual([
      "At today's rate 87.0% (below the admission bar 90.0%) the next scoring run would warn this supplier.",
    ]);
  });

  it('warn of a probation the complaint rate would bring, whatever the stars', () => {
    const complaints = complaintFigures({ orders: 1000, supplierFault: 20 }, policy);
    expect(overrideWarnings(policy, active, evaluation(99), today, complaints)).toEqual([
      "At today's complaint rate (20 supplier-fault complaints in 1000 orders over 90 days (2.0%) ≥ 1.0%) the next scoring run would put this supplier on probation.",
    ]);
    expect(overrideWarnings(policy, active, evaluation(99), today, complaintFigures({ orders: 99, supplierFault: 20 }, policy))).toEqual(
      [],
    );
  });

  it('say when the hold prevents it, and until when', () => {
    expect(overrideWarnings(policy, { ...active, holdUntil: '2026-09-01' }, evaluation(72), today)).toEqual([
      "At today's rate 72.0% (below the penalty bar 85.0%) the next scoring run would put this supplier on probation; the hold until 2026-09-01 prevents it until then, and the first run after it will act if the rate has not recovered.",
    ]);
  });

  it('are empty when the next run would sanction nothing: a good rate, a reward, too few reviews, or a supplier runs leave alone', () => {
    expect(overrideWarnings(policy, active, evaluation(93), today)).toEqual([]);
    expect(overrideWarnings(policy, active, evaluation(99), today)).toEqual([]);
    const thin: Evaluation = { windowDays: null, n: 3, positives: 0, rawRate: 0, wilsonLower: 0, rate: null, tier: 'INSUFFICIENT_DATA' };
    expect(overrideWarnings(policy, active, thin, today)).toEqual([]);
    expect(overrideWarnings(policy, { ...active, status: 'SUSPENDED' }, evaluation(50), today)).toEqual([]);
  });

  it('a WATCH supplier already warned is not warned again', () => {
    expect(overrideWarnings(policy, { ...active, tier: 'WATCH' }, evaluation(87), today)).toEqual([]);
  });

  it("a HOLD_LIFTED decision says which hold ended, then the manager's words trimmed, when there are any", () => {
    expect(holdLiftedReason('2027-01-10')).toBe('Hold until 2027-01-10 lifted early');
    expect(holdLiftedReason('2027-01-10', '  Partnership review over ')).toBe(
      'Hold until 2027-01-10 lifted early: Partnership review over',
    );
    expect(holdLiftedReason('2027-01-10', '   ')).toBe('Hold until 2027-01-10 lifted early');
  });
});
