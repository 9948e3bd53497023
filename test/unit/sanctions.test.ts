import { describe, expect, it } from 'vitest';

import { decideSanction, type SanctionInput } from '../../src/governance/domain/sanctions.js';
import { withDefaults } from '../../src/policies/domain/policy.js';
import { complaintFigures } from '../../src/scoring/domain/complaint-rate.js';
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

describe('the complaint rate (the second signal) in the sanction state machine', () => {
  // Defaults: complaintWindowDays 90, minOrders 100, complaintRateThreshold 0.01.
  const complaints = (supplierFault: number, orders: number) => complaintFigures({ orders, supplierFault }, policy);
  const probation = { status: 'PROBATION' as const, storedTier: 'GOOD' as Tier, probationEndsAt: '2026-06-20' };

  it('puts an ACTIVE supplier with good stars and a 2% supplier-fault rate on probation, naming the complaints', () => {
    const out = decide({ rate: 0.96, tier: 'EXCELLENT', storedTier: 'EXCELLENT', complaints: complaints(12, 600) });
    expect(out).toMatchObject({ decision: 'PENALTY', status: 'PROBATION', tier: 'EXCELLENT', probationEndsAt: '2026-07-01' });
    expect(out.reason).toBe(
      '12 supplier-fault complaints in 600 orders over 90 days (2.0%) ≥ 1.0%: on probation until 2026-07-01, whatever the reviews say (rate 96.0% over the last 90 days (96/100 positive)).',
    );
    expect(out.complaints).toEqual({ windowDays: 90, orders: 600, supplierFault: 12, rate: 0.02, threshold: 0.01 });
  });

  it('counts a rate exactly at the threshold, not one just below it', () => {
    expect(decide({ rate: 0.93, tier: 'GOOD', complaints: complaints(10, 1000) }).decision).toBe('PENALTY');
    expect(decide({ rate: 0.93, tier: 'GOOD', complaints: complaints(3, 300) }).decision).toBe('PENALTY');
    expect(decide({ rate: 0.93, tier: 'GOOD', complaints: complaints(9, 1000) })).toEqual({
      decision: null,
      status: 'ACTIVE',
      tier: 'GOOD',
      probationEndsAt: null,
      holdUntil: null,
      reason: null,
    });
  });

  it('ignores the rate below minOrders: the review rules decide as before', () => {
    expect(complaints(50, 99).rate).toBeNull();
    expect(decide({ rate: 0.93, tier: 'GOOD', complaints: complaints(50, 99) }).decision).toBeNull();
    expect(decide({ rate: 0.96, tier: 'EXCELLENT', complaints: complaints(50, 99) }).decision).toBe('REWARD');
    expect(decide({ rate: 0.93, tier: 'GOOD', complaints: complaints(1, 100) }).decision).toBe('PENALTY');
  });

  it('a rate below the threshold leaves the review rules as before, with no complaint evidence', () => {
    const below = complaints(5, 1000);
    for (const [rate, tier, decision] of [
      [0.8, 'POOR', 'PENALTY'],
      [0.96, 'EXCELLENT', 'REWARD'],
      [0.87, 'WATCH', 'WARNING'],
      [0.93, 'GOOD', null],
    ] as const) {
      const out = decide({ rate, tier, complaints: below });
      expect(out.decision).toBe(decision);
      expect(out.complaints).toBeUndefined();
      expect(out.reason ?? '').not.toContain('complaint');
    }
    expect(decide({ ...probation, rate: 0.95, tier: 'EXCELLENT', complaints: below }).decision).toBe('REINSTATE');
  });

  it('keeps a supplier on probation with good stars while the rate stays above: no REINSTATE, no REWARD', () => {
    expect(decide({ ...probation, rate: 0.99, tier: 'EXCELLENT', complaints: complaints(20, 1000) })).toEqual({
      decision: null,
      status: 'PROBATION',
      tier: 'EXCELLENT',
      probationEndsAt: '2026-06-20',
      holdUntil: null,
      reason: null,
    });
  });

  it('delists at probation expiry when the complaints kept the supplier from reinstatement, naming them', () => {
    const out = decide({ ...probation, asOf: '2026-06-20', rate: 0.99, tier: 'EXCELLENT', complaints: complaints(20, 1000) });
    expect(out).toMatchObject({ decision: 'DELIST', status: 'DELISTED', probationEndsAt: null });
    expect(out.reason).toBe(
      'Probation ended on 2026-06-20 without recovery: 20 supplier-fault complaints in 1000 orders over 90 days (2.0%) ≥ 1.0%, though the rate 99.0% over the last 90 days (99/100 positive) would reinstate.',
    );
    expect(out.complaints).toMatchObject({ orders: 1000, supplierFault: 20, rate: 0.02, threshold: 0.01 });
    // Not recovered by the reviews either: the reviews decide, the complaints are not what counted.
    const poor = decide({ ...probation, asOf: '2026-06-20', rate: 0.8, tier: 'POOR', complaints: complaints(20, 1000) });
    expect(poor.decision).toBe('DELIST');
    expect(poor.complaints).toBeUndefined();
  });

  it('the delisting rules still come first', () => {
    const out = decide({ rate: 0.5, tier: 'POOR', complaints: complaints(100, 1000) });
    expect(out).toMatchObject({ decision: 'DELIST', status: 'DELISTED' });
    expect(out.reason).toContain('below the delisting bar');
    expect(out.complaints).toBeUndefined();
  });

  it('applies without enough reviews to be rated (the complaint rate stands on its own) and leaves the stored tier', () => {
    expect(decide({ rate: null, tier: 'INSUFFICIENT_DATA', storedTier: 'GOOD', complaints: complaints(2, 100) })).toMatchObject({
      decision: 'PENALTY',
      status: 'PROBATION',
      tier: 'GOOD',
    });
  });

  it("a manager's hold stops it, as it stops every sanction", () => {
    expect(decide({ holdUntil: '2026-06-15', rate: 0.96, tier: 'EXCELLENT', complaints: complaints(20, 1000) })).toEqual({
      decision: null,
      status: 'ACTIVE',
      tier: 'EXCELLENT',
      probationEndsAt: null,
      holdUntil: '2026-06-15',
      reason: null,
    });
    expect(decide({ holdUntil: '2026-05-31', rate: 0.96, tier: 'EXCELLENT', complaints: complaints(20, 1000) }).decision).toBe('PENALTY');
  });

  it('does not touch suppliers runs leave alone', () => {
    expect(decide({ status: 'SUSPENDED', rate: 0.96, tier: 'EXCELLENT', complaints: complaints(20, 1000) }).decision).toBeNull();
  });
});
