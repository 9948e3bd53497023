import { describe, expect, it } from 'vitest';

import { complaintsAllowed, nextStep } from '../../src/governance/domain/next-step.js';
import { complaintsShown } from '../../src/governance/domain/simulation.js';
import { withDefaults } from '../../src/policies/domain/policy.js';
import { complaintFigures, complaintsOverBar } from '../../src/scoring/domain/complaint-rate.js';
import type { Evaluation } from '../../src/scoring/domain/evaluation.js';

const policy = withDefaults({});

describe('complaint rate', () => {
  it('is supplier-fault complaints over orders in the window, null below minOrders (and with no orders)', () => {
    expect(complaintFigures({ orders: 1000, supplierFault: 20 }, policy)).toEqual({
      windowDays: 90,
      orders: 1000,
      supplierFault: 20,
      rate: 0.02,
    });
    expect(complaintFigures({ orders: 99, supplierFault: 20 }, policy).rate).toBeNull();
    expect(complaintFigures({ orders: 100, supplierFault: 0 }, policy).rate).toBe(0);
    expect(complaintFigures({ orders: 0, supplierFault: 0 }, withDefaults({ minOrders: 0 })).rate).toBeNull();
  });

  it('is over the bar at or above the threshold, never when not applied', () => {
    expect(complaintsOverBar(complaintFigures({ orders: 1000, supplierFault: 10 }, policy), policy)).toBe(true);
    expect(complaintsOverBar(complaintFigures({ orders: 1000, supplierFault: 9 }, policy), policy)).toBe(false);
    expect(complaintsOverBar(complaintFigures({ orders: 99, supplierFault: 99 }, policy), policy)).toBe(false);
    expect(complaintsOverBar(null, policy)).toBe(false);
  });

  it('complaintsAllowed: the most complaints that keep the rate below the bar', () => {
    expect(complaintsAllowed(1000, 0.01)).toBe(9);
    expect(complaintsAllowed(300, 0.01)).toBe(2);
    expect(complaintsAllowed(100, 0.07)).toBe(6); // 0.07 × 100 is 7.000000000000001 in floating point
    expect(complaintsAllowed(150, 0.01)).toBe(1);
    expect(complaintsAllowed(50, 0.01)).toBe(0);
  });

  it('tells a supplier on probation held by complaints the rate it must get under', () => {
    const evaluation: Evaluation = {
      windowDays: 90,
      n: 100,
      positives: 97,
      rawRate: 0.97,
      wilsonLower: 0.92,
      rate: 0.97,
      tier: 'EXCELLENT',
    };
    const complaints = { windowDays: 90, orders: 1000, supplierFault: 20, rate: 0.02, threshold: 0.01 };
    const step = nextStep({ status: 'PROBATION', probationEndsAt: '2026-07-01', complaints }, evaluation, policy);
    expect(step).toContain(
      'Reinstatement needs the supplier-fault complaint rate over 90 days below 1.0% (now 2.0%: 20 in 1000 orders; at 1000 orders at most 9 supplier-fault complaints).',
    );
    expect(step).toContain('Probation ends on 2026-07-01');
    expect(nextStep({ status: 'PROBATION', probationEndsAt: '2026-07-01' }, evaluation, policy)).not.toContain('complaint');
  });

  it('a simulation shows the figures where they count, with the draft bar', () => {
    const draft = withDefaults({ complaintRateThreshold: 0.03 });
    expect(complaintsShown(complaintFigures({ orders: 1000, supplierFault: 20 }, draft), draft)).toEqual({
      windowDays: 90,
      orders: 1000,
      supplierFault: 20,
      rate: 0.02,
      threshold: 0.03,
    });
    expect(complaintsShown(complaintFigures({ orders: 10, supplierFault: 2 }, draft), draft)).toBeNull();
  });
});
