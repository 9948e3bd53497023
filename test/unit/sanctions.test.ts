import { describe, expect, it } from 'vitest';

import { decideSanction, type SanctionInput } from '../../src/governance/domain/sanctions.js';
import { withDefaults } from '../../src/policies/domain/policy.js';
import type { Evaluation } from '../../src/scoring/domain/evaluation.js';
import type { Tier } from '../../src/suppliers/domain/supplier-lifecycle.js';

const policy = withDefaults({});

function evaluation(rate: number | null, tier: Tier): Evaluation {
  return rate === null
    ? { windowDays: null, n: 3, positives: 3, rawRate: 1, wilsonLower: 0.4, rate: null, tier: 'INSUFFICIENT_DATA' }
    : { windowDays: 90, n: 100, positives: Math.round(rate * 100), rawRate: rate, wilsonLower: rate - 0.05, rate, tier };
}

function decide(partial: Partial<SanctionInput> & { rate: number | null; tier: Tier }) {
  const { rate, tier, ...rest } = partial;
  return decideSanction(policy, {
    status: 'ACTIVE',
    storedTier: 'GOOD',
    probationEndsAt: null,
    asOf: '2026-06-01',
    evaluation: evaluation(rate, tier),
    auditFailedOn: null,
    holdUntil: null,
    ...rest,
  });
}

describe('sanction state machine', () => {
  it('delists at once below delistThreshold, from ACTIVE and PROBATION', () => {
    expect(decide({ rate: 0.69, tier: 'POOR' })).toMatchObject({
      decision: 'DELIST',
      status: 'DELISTED',
      tier: 'POOR',
      probationEndsAt: null,
    });
    expect(decide({ status: 'PROBATION', probationEndsAt: '2026-07-01', rate: 0.5, tier: 'POOR' })).toMatchObject({
      decision: 'DELIST',
      status: 'DELISTED',
    });
    expect(decide({ rate: 0.7, tier: 'POOR' }).decision).toBe('PENALTY');
  });

  it('penalises an ACTIVE supplier that turns POOR with probation of probationDays', () => {
    const out = decide({ rate: 0.8, tier: 'POOR' });
    expect(out).toMatchObject({ decision: 'PENALTY', status: 'PROBATION', tier: 'POOR', probationEndsAt: '2026-07-01' });
    expect(out.reason).toContain('on probation until 2026-07-01');
  });

  it('reinstates only at admission + margin (hysteresis), not at the bare admission bar', () => {
    const probation = { status: 'PROBATION' as const, storedTier: 'POOR' as Tier, probationEndsAt: '2026-07-01' };
    expect(decide({ ...probation, rate: 0.91, tier: 'GOOD' })).toMatchObject({
      decision: null,
      status: 'PROBATION',
      tier: 'GOOD',
      probationEndsAt: '2026-07-01',
    });
    expect(decide({ ...probation, rate: 0.92, tier: 'GOOD' })).toMatchObject({
      decision: 'REINSTATE',
      status: 'ACTIVE',
      probationEndsAt: null,
    });
    expect(decide({ ...probation, rate: 0.99, tier: 'EXCELLENT' }).decision).toBe('REINSTATE');
  });

  it('delists a probation that ends without recovery, on its end date and after', () => {
    const probation = { status: 'PROBATION' as const, storedTier: 'POOR' as Tier, probationEndsAt: '2026-06-01' };
    expect(decide({ ...probation, rate: 0.91, tier: 'GOOD' })).toMatchObject({ decision: 'DELIST', status: 'DELISTED' });
    expect(decide({ ...probation, asOf: '2026-05-31', rate: 0.91, tier: 'GOOD' }).decision).toBeNull();
    expect(decide({ ...probation, asOf: '2026-06-02', rate: 0.8, tier: 'POOR' }).decision).toBe('DELIST');
  });

  it('INSUFFICIENT_DATA triggers no rate rule and keeps the stored tier, but probation still expires', () => {
    expect(decide({ rate: null, tier: 'INSUFFICIENT_DATA', storedTier: 'WATCH' })).toEqual({
      decision: null,
      status: 'ACTIVE',
      tier: 'WATCH',
      probationEndsAt: null,
      holdUntil: null,
      reason: null,
    });
    const expired = decide({
      status: 'PROBATION',
      storedTier: 'POOR',
      probationEndsAt: '2026-05-15',
      rate: null,
      tier: 'INSUFFICIENT_DATA',
    });
    expect(expired).toMatchObject({ decision: 'DELIST', status: 'DELISTED', tier: 'POOR' });
    expect(expired.reason).toContain('without enough reviews');
    expect(
      decide({ status: 'PROBATION', storedTier: 'POOR', probationEndsAt: '2026-06-15', rate: null, tier: 'INSUFFICIENT_DATA' }).decision,
    ).toBeNull();
  });

  it('rewards entering EXCELLENT once, not while staying there', () => {
    expect(decide({ rate: 0.96, tier: 'EXCELLENT', storedTier: 'GOOD' })).toMatchObject({
      decision: 'REWARD',
      status: 'ACTIVE',
      tier: 'EXCELLENT',
    });
    expect(decide({ rate: 0.97, tier: 'EXCELLENT', storedTier: 'EXCELLENT' }).decision).toBeNull();
  });

  it('warns an ACTIVE supplier entering WATCH once', () => {
    expect(decide({ rate: 0.87, tier: 'WATCH', storedTier: 'GOOD' })).toMatchObject({
      decision: 'WARNING',
      status: 'ACTIVE',
      tier: 'WATCH',
    });
    expect(decide({ rate: 0.86, tier: 'WATCH', storedTier: 'WATCH' }).decision).toBeNull();
    expect(
      decide({ status: 'PROBATION', probationEndsAt: '2026-07-01', storedTier: 'POOR', rate: 0.87, tier: 'WATCH' }).decision,
    ).toBeNull();
  });

  it('a POOR supplier already on probation is not penalised again', () => {
    expect(decide({ status: 'PROBATION', storedTier: 'POOR', probationEndsAt: '2026-07-01', rate: 0.8, tier: 'POOR' })).toMatchObject({
      decision: null,
      status: 'PROBATION',
      probationEndsAt: '2026-07-01',
    });
  });

  it.each(['SUSPENDED', 'APPLICANT', 'DELISTED', 'REJECTED'] as const)('%s is never changed by a run', (status) => {
    for (const [rate, tier] of [
      [0.1, 'POOR'],
      [0.99, 'EXCELLENT'],
      [null, 'INSUFFICIENT_DATA'],
    ] as const) {
      expect(decide({ status, storedTier: 'GOOD', rate, tier })).toEqual({
        decision: null,
        status,
        tier: 'GOOD',
        probationEndsAt: null,
        holdUntil: null,
        reason: null,
      });
    }
  });

  describe('while the latest accepted audit failed (it outweighs the reviews it contradicts)', () => {
    const failed = { auditFailedOn: '2026-05-20' };
    const probation = { ...failed, status: 'PROBATION' as const, storedTier: 'GOOD' as Tier, probationEndsAt: '2026-06-19' };

    it('reviews do not reinstate: the supplier stays on probation, its tier follows the reviews', () => {
      expect(decide({ ...probation, rate: 1, tier: 'EXCELLENT' })).toEqual({
        decision: null,
        status: 'PROBATION',
        tier: 'EXCELLENT',
        probationEndsAt: '2026-06-19',
        holdUntil: null,
        reason: null,
      });
      expect(decide({ ...probation, auditFailedOn: null, rate: 1, tier: 'EXCELLENT' }).decision).toBe('REINSTATE');
    });

    it('reviews do not reward, on probation or ACTIVE (a manager reinstated it by hand)', () => {
      expect(decide({ ...probation, rate: 0.96, tier: 'EXCELLENT' }).decision).toBeNull();
      expect(decide({ ...failed, rate: 0.96, tier: 'EXCELLENT', storedTier: 'GOOD' })).toMatchObject({
        decision: null,
        status: 'ACTIVE',
        tier: 'EXCELLENT',
      });
    });

    it('probation running out delists, whatever the reviews say, naming the audit', () => {
      const out = decide({ ...probation, asOf: '2026-06-19', rate: 1, tier: 'EXCELLENT' });
      expect(out).toMatchObject({ decision: 'DELIST', status: 'DELISTED', tier: 'EXCELLENT', probationEndsAt: null });
      expect(out.reason).toBe(
        'Probation ended on 2026-06-19 without a passing re-audit: the failed audit of 2026-05-20 still stands, and reviews alone do not reinstate (rate 100.0% over the last 90 days (100/100 positive)).',
      );
      expect(decide({ ...probation, asOf: '2026-06-19', rate: null, tier: 'INSUFFICIENT_DATA' }).decision).toBe('DELIST');
    });

    it('the rules that do not rest on good reviews still apply: delisting below the bar, penalty, warning', () => {
      expect(decide({ ...probation, rate: 0.5, tier: 'POOR' }).decision).toBe('DELIST');
      expect(decide({ ...failed, rate: 0.8, tier: 'POOR' }).decision).toBe('PENALTY');
      expect(decide({ ...failed, rate: 0.87, tier: 'WATCH' }).decision).toBe('WARNING');
    });
  });

  describe("while a manager's hold lasts", () => {
    const held = { holdUntil: '2026-06-15' };

    it('makes no sanction decision at all, through the hold date itself; the tier still follows the reviews', () => {
      for (const [rate, tier] of [
        [0.5, 'POOR'],
        [0.8, 'POOR'],
        [0.87, 'WATCH'],
        [0.99, 'EXCELLENT'],
      ] as const) {
        expect(decide({ ...held, rate, tier })).toEqual({
          decision: null,
          status: 'ACTIVE',
          tier,
          probationEndsAt: null,
          holdUntil: '2026-06-15',
          reason: null,
        });
        expect(decide({ ...held, asOf: '2026-06-15', rate, tier }).decision).toBeNull();
      }
      expect(decide({ ...held, rate: null, tier: 'INSUFFICIENT_DATA', storedTier: 'WATCH' }).tier).toBe('WATCH');
    });

    it('stops a probation from expiring and a delisting below the bar too', () => {
      const probation = { ...held, status: 'PROBATION' as const, probationEndsAt: '2026-05-20', storedTier: 'POOR' as Tier };
      expect(decide({ ...probation, rate: 0.5, tier: 'POOR' })).toMatchObject({
        decision: null,
        status: 'PROBATION',
        probationEndsAt: '2026-05-20',
      });
      expect(decide({ ...probation, rate: 0.99, tier: 'EXCELLENT' }).decision).toBeNull();
    });

    it('the first run after the date decides again, and clears the hold', () => {
      expect(decide({ ...held, asOf: '2026-06-16', rate: 0.8, tier: 'POOR' })).toMatchObject({
        decision: 'PENALTY',
        status: 'PROBATION',
        holdUntil: null,
      });
      expect(decide({ ...held, asOf: '2026-06-16', rate: 0.93, tier: 'GOOD' })).toEqual({
        decision: null,
        status: 'ACTIVE',
        tier: 'GOOD',
        probationEndsAt: null,
        holdUntil: null,
        reason: null,
      });
    });
  });

  it('steady GOOD changes nothing but stores the tier', () => {
    expect(decide({ rate: 0.93, tier: 'GOOD', storedTier: 'WATCH' })).toEqual({
      decision: null,
      status: 'ACTIVE',
      tier: 'GOOD',
      probationEndsAt: null,
      holdUntil: null,
      reason: null,
    });
  });
});
