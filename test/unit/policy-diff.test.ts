import { describe, expect, it } from 'vitest';

import { withDefaults } from '../../src/policies/domain/policy.js';
import { policyChanges, sameValue } from '../../src/policies/domain/policy-diff.js';

describe('policy diff', () => {
  const v1 = withDefaults({ minReviews: 10 });

  it('lists nothing for two equal versions', () => {
    expect(policyChanges(v1, withDefaults({ minReviews: 10 }))).toEqual([]);
  });

  it('lists exactly the changed fields, in the policy order, from the first argument to the second', () => {
    const v2 = withDefaults({ minReviews: 30, rateMethod: 'WILSON', admissionThreshold: 0.92 });
    expect(policyChanges(v1, v2)).toEqual([
      { field: 'minReviews', from: 10, to: 30 },
      { field: 'rateMethod', from: 'RAW', to: 'WILSON' },
      { field: 'admissionThreshold', from: 0.9, to: 0.92 },
    ]);
    expect(policyChanges(v2, v1).map((c) => [c.field, c.from, c.to])).toEqual([
      ['minReviews', 30, 10],
      ['rateMethod', 'WILSON', 'RAW'],
      ['admissionThreshold', 0.92, 0.9],
    ]);
  });

  it('reports a list field whole when any element differs', () => {
    const v2 = withDefaults({ minReviews: 10, evaluationWindows: [90, 180, 365] });
    expect(policyChanges(v1, v2)).toEqual([{ field: 'evaluationWindows', from: [90, 365], to: [90, 180, 365] }]);
    const checklist = [{ key: 'safety', label: 'Safety', weight: 5 }];
    expect(policyChanges(v1, withDefaults({ minReviews: 10, auditChecklist: checklist }))).toEqual([
      { field: 'auditChecklist', from: v1.auditChecklist, to: checklist },
    ]);
  });

  it('a checklist whose items list their keys in another order (as jsonb returns them) is unchanged', () => {
    const reordered = v1.auditChecklist.map(({ key, label, weight }) => ({ weight, key, label }));
    expect(policyChanges(v1, { ...v1, auditChecklist: reordered })).toEqual([]);
    const reweighted = v1.auditChecklist.map((item, i) => (i === 0 ? { ...item, weight: item.weight + 1 } : item));
    expect(policyChanges(v1, { ...v1, auditChecklist: reweighted }).map((c) => c.field)).toEqual(['auditChecklist']);
  });

  it('sameValue compares JSON values: arrays in order, objects by key', () => {
    expect(sameValue([1, 2], [1, 2])).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue([1], [1, 1])).toBe(false);
    expect(sameValue({ a: 1, b: [2] }, { b: [2], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue({ a: 1 }, { b: 1 })).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue(0.9, 0.9)).toBe(true);
    expect(sameValue('0.9', 0.9)).toBe(false);
  });
});
