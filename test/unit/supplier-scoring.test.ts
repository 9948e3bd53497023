import { describe, expect, it } from 'vitest';

import { scoreBatch } from '../../src/governance/supplier-scoring.js';
import { type Policy, withDefaults } from '../../src/policies/domain/policy.js';
import type { ComplaintCounts } from '../../src/scoring/domain/complaint-rate.js';
import type { WindowCounts } from '../../src/scoring/domain/evaluation.js';
import type { ComplaintSignal } from '../../src/scoring/signals/complaint-signal.js';
import type { ReviewSignal } from '../../src/scoring/signals/review-signal.js';
import type { StandingOfSupplier } from '../../src/suppliers/suppliers.repository.js';

const policyOf = (category: string, fields: Partial<Policy>): Policy => ({
  ...withDefaults(fields),
  category,
  version: 1,
  createdAt: new Date(0),
  createdBy: 'test',
});
const policies = new Map([
  ['hotel', policyOf('hotel', {})],
  ['tour', policyOf('tour', { complaintWindowDays: 30, minOrders: 500, complaintRateThreshold: 0.05 })],
]);
const supplier = (id: string, category: string): StandingOfSupplier => ({
  id,
  category,
  status: 'ACTIVE',
  tier: 'EXCELLENT',
  probationEndsAt: null,
  holdUntil: null,
  auditFailedOn: null,
});

/** Every supplier has 100 reviews, 97 positive, in any range: stars that are fine. */
const reviews: ReviewSignal = {
  countWindows: () => Promise.reject(new Error('not used by runs')),
  countRange: (ids) => Promise.resolve(new Map<string, WindowCounts>(ids.map((id) => [id, { n: 100, positives: 97 }]))),
};

describe('scoreBatch reads the complaint signal per category, with that policy window', () => {
  it('one read per category of the batch, each with its own window, and each policy applies its own bar', async () => {
    const calls: Array<{ ids: string[]; asOf: string; days: number }> = [];
    const counts: Record<string, ComplaintCounts> = {
      h1: { orders: 1000, supplierFault: 20 }, // 2% ≥ 1%: penalty
      h2: { orders: 1000, supplierFault: 5 }, // 0.5%: nothing
      t1: { orders: 1000, supplierFault: 20 }, // 2% < 5%: nothing
      t2: { orders: 400, supplierFault: 100 }, // below the tour minOrders of 500: ignored
    };
    const complaints: ComplaintSignal = {
      countComplaints: (ids, asOf, days) => {
        calls.push({ ids: [...ids], asOf, days });
        return Promise.resolve(new Map(ids.filter((id) => counts[id]).map((id) => [id, counts[id]])));
      },
    };
    const batch = [
      supplier('h1', 'hotel'),
      supplier('t1', 'tour'),
      supplier('h2', 'hotel'),
      supplier('t2', 'tour'),
      supplier('h3', 'hotel'),
    ];
    const scored = await scoreBatch(batch, (c) => policies.get(c), '2026-11-01', { reviews, complaints });

    expect(calls).toEqual([
      { ids: ['h1', 'h2', 'h3'], asOf: '2026-11-01', days: 90 },
      { ids: ['t1', 't2'], asOf: '2026-11-01', days: 30 },
    ]);
    const by = new Map(scored.map((x) => [x.supplier.id, x]));
    expect(by.get('h1')!.outcome.decision).toBe('PENALTY');
    expect(by.get('h1')!.complaints).toEqual({ windowDays: 90, orders: 1000, supplierFault: 20, rate: 0.02 });
    expect(by.get('h2')!.outcome.decision).toBeNull();
    expect(by.get('h3')!.complaints).toEqual({ windowDays: 90, orders: 0, supplierFault: 0, rate: null });
    expect(by.get('t1')!.outcome.decision).toBeNull();
    expect(by.get('t1')!.complaints.windowDays).toBe(30);
    expect(by.get('t2')!.complaints.rate).toBeNull();
    expect(by.get('t2')!.outcome.decision).toBeNull();
  });
});
