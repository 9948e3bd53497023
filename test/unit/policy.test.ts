import { describe, expect, it } from 'vitest';

import { defaultAspects } from '../../src/policies/domain/aspects.js';
import { DEFAULT_POLICY, givenFields, mergeOnto, POLICY_FIELDS, policyViolations, withDefaults } from '../../src/policies/domain/policy.js';

describe('policy defaults', () => {
  it('a policy created with no fields takes every default of PRODUCT.md', () => {
    expect(withDefaults({})).toEqual({
      positiveMinRating: 4,
      windows: [30, 90, 180, 365],
      evaluationWindows: [90, 365],
      minReviews: 20,
      rateMethod: 'RAW',
      confidence: 0.95,
      rewardThreshold: 0.95,
      admissionThreshold: 0.9,
      penaltyThreshold: 0.85,
      delistThreshold: 0.7,
      probationDays: 30,
      reinstateMargin: 0.02,
      readmissionCooldownDays: 90,
      auditPassScore: 60,
      auditNegativeRate: 0.2,
      auditShiftThreshold: 0.15,
      auditChecklist: [
        { key: 'as_described', label: 'Product as described', weight: 3 },
        { key: 'safety', label: 'Safety', weight: 3 },
        { key: 'service', label: 'Service', weight: 2 },
        { key: 'cleanliness', label: 'Cleanliness', weight: 2 },
      ],
      complaintResponseHours: 24,
      complaintResolutionHours: 72,
      complaintWindowDays: 90,
      minOrders: 100,
      complaintRateThreshold: 0.01,
      appealWindowDays: 14,
      appealDecisionHours: 48,
      aspects: defaultAspects('any'),
      autoExclusion: 'PROPOSE',
    });
  });

  it("a category's defaults carry its built-in taxonomy; without one, the generic set", () => {
    expect(withDefaults({}, 'hotel').aspects).toEqual(defaultAspects('hotel'));
    expect(withDefaults({}, 'hotel').aspects.map((a) => a.key)).toContain('bed_sleep');
    expect(withDefaults({}, 'museum').aspects).toEqual(defaultAspects('museum'));
    expect(withDefaults({}).aspects).toEqual(defaultAspects(''));
  });

  it('a given taxonomy replaces the base one whole and shares no object with the draft', () => {
    const draft = [{ key: 'pool', label: 'Pool', supplierControllable: true, critical: false, terms: ['pool'] }];
    const merged = mergeOnto(withDefaults({}, 'hotel'), { aspects: draft });
    expect(merged.aspects).toEqual(draft);
    merged.aspects[0].terms.push('swimming');
    expect(draft[0].terms).toEqual(['pool']);
  });

  it('taxonomy violations are policy violations, named as the request names them', () => {
    const aspect = { label: 'A', supplierControllable: true, critical: false };
    expect(
      policyViolations(
        withDefaults({
          aspects: [
            { ...aspect, key: 'a', terms: ['x'] },
            { ...aspect, key: 'a', terms: ['y', ' '] },
          ],
        }),
      ),
    ).toEqual([
      { field: 'aspects[1].key', message: 'repeats the key "a"' },
      { field: 'aspects[1].terms[1]', message: 'must not be blank' },
    ]);
  });

  it('given fields override the defaults and windows come out sorted without repeats', () => {
    const p = withDefaults({ minReviews: 5, windows: [365, 30, 30] });
    expect(p.minReviews).toBe(5);
    expect(p.windows).toEqual([30, 365]);
    expect(p.admissionThreshold).toBe(DEFAULT_POLICY.admissionThreshold);
  });

  it('does not share the default checklist objects with the result', () => {
    const p = withDefaults({});
    p.auditChecklist[0].weight = 99;
    expect(DEFAULT_POLICY.auditChecklist[0].weight).toBe(3);
  });
});

describe('policy consistency', () => {
  it('the defaults are consistent', () => {
    expect(policyViolations(withDefaults({}))).toEqual([]);
  });

  it('equal thresholds are allowed (the order is non-strict)', () => {
    expect(
      policyViolations(withDefaults({ delistThreshold: 0.9, penaltyThreshold: 0.9, admissionThreshold: 0.9, rewardThreshold: 0.9 })),
    ).toEqual([]);
  });

  it('names the threshold that breaks delist <= penalty <= admission <= reward', () => {
    expect(policyViolations(withDefaults({ penaltyThreshold: 0.95 }))).toEqual([
      { field: 'admissionThreshold', message: 'must be at least penaltyThreshold (0.95), got 0.9' },
    ]);
    expect(policyViolations(withDefaults({ rewardThreshold: 0.8 })).map((v) => v.field)).toEqual(['rewardThreshold']);
    expect(policyViolations(withDefaults({ delistThreshold: 0.86 })).map((v) => v.field)).toEqual(['penaltyThreshold']);
  });

  it('the reinstatement bar (admission plus margin) may reach 100% but not pass it', () => {
    expect(policyViolations(withDefaults({ admissionThreshold: 0.98, rewardThreshold: 0.99 }))).toEqual([]);
    expect(policyViolations(withDefaults({ admissionThreshold: 0.9, reinstateMargin: 0.1 }))).toEqual([]);
    expect(policyViolations(withDefaults({ admissionThreshold: 0.99, rewardThreshold: 0.995 }))).toEqual([
      {
        field: 'reinstateMargin',
        message:
          'admissionThreshold + reinstateMargin is the reinstatement bar and must be at most 1, got 0.99 + 0.02: no supplier on probation could be reinstated',
      },
    ]);
    expect(
      policyViolations(withDefaults({ admissionThreshold: 0.95, rewardThreshold: 0.95, reinstateMargin: 0.06 })).map((v) => v.field),
    ).toEqual(['reinstateMargin']);
  });

  it('evaluation windows must be strictly increasing', () => {
    expect(policyViolations(withDefaults({ evaluationWindows: [365, 90] })).map((v) => v.field)).toEqual(['evaluationWindows']);
    expect(policyViolations(withDefaults({ evaluationWindows: [90, 90] })).map((v) => v.field)).toEqual(['evaluationWindows']);
    expect(policyViolations(withDefaults({ evaluationWindows: [30] }))).toEqual([]);
  });

  it('a complaint is resolved no sooner than it must be answered', () => {
    expect(policyViolations(withDefaults({ complaintResponseHours: 48, complaintResolutionHours: 24 })).map((v) => v.field)).toEqual([
      'complaintResolutionHours',
    ]);
    expect(policyViolations(withDefaults({ complaintResponseHours: 24, complaintResolutionHours: 24 }))).toEqual([]);
  });

  it('checklist keys must be unique', () => {
    const v = policyViolations(
      withDefaults({
        auditChecklist: [
          { key: 'safety', label: 'A', weight: 1 },
          { key: 'safety', label: 'B', weight: 1 },
        ],
      }),
    );
    expect(v).toEqual([{ field: 'auditChecklist[1].key', message: 'repeats the key "safety"' }]);
  });
});

describe('a draft merged onto a stored version (PATCH)', () => {
  const base = withDefaults({
    minReviews: 10,
    rateMethod: 'WILSON',
    windows: [30, 365],
    auditChecklist: [
      { key: 'safety', label: 'Safety', weight: 5 },
      { key: 'noise', label: 'Noise', weight: 1 },
    ],
  });

  it("changes only the given fields; every other keeps the base's value, not the default", () => {
    const merged = mergeOnto(base, { admissionThreshold: 0.92 });
    expect(merged).toEqual({ ...base, admissionThreshold: 0.92 });
    expect(merged.minReviews).toBe(10);
    expect(merged.rateMethod).toBe('WILSON');
  });

  it('replaces a given checklist whole, and keeps windows sorted without repeats', () => {
    const merged = mergeOnto(base, { auditChecklist: [{ key: 'staff', label: 'Staff', weight: 2 }], windows: [90, 30, 90] });
    expect(merged.auditChecklist).toEqual([{ key: 'staff', label: 'Staff', weight: 2 }]);
    expect(merged.windows).toEqual([30, 90]);
  });

  it('ignores undefined fields and drops the identity of a stored version', () => {
    const stored = { ...base, category: 'hotel', version: 4, createdAt: new Date(), createdBy: 'someone' };
    const merged = mergeOnto(stored, { minReviews: undefined, probationDays: 45 });
    expect(merged).toEqual({ ...base, probationDays: 45 });
    expect(Object.keys(merged)).toEqual([...POLICY_FIELDS]);
  });

  it('shares no list or checklist item with the base or the draft', () => {
    const draft = { evaluationWindows: [60, 365] };
    const merged = mergeOnto(base, draft);
    merged.auditChecklist[0].weight = 99;
    merged.evaluationWindows.push(730);
    expect(base.auditChecklist[0].weight).toBe(5);
    expect(draft.evaluationWindows).toEqual([60, 365]);
  });

  it('givenFields names the fields a draft actually gives, in the policy order', () => {
    expect(givenFields({})).toEqual([]);
    expect(givenFields({ minReviews: undefined })).toEqual([]);
    expect(givenFields({ rewardThreshold: 0.97, positiveMinRating: 5 })).toEqual(['positiveMinRating', 'rewardThreshold']);
  });

  it('a merge can be inconsistent where the same draft over the defaults is not', () => {
    const lenient = withDefaults({ admissionThreshold: 0.8, penaltyThreshold: 0.75 });
    expect(policyViolations(withDefaults({ penaltyThreshold: 0.82 }))).toEqual([]);
    expect(policyViolations(mergeOnto(lenient, { penaltyThreshold: 0.82 }))).toEqual([
      { field: 'admissionThreshold', message: 'must be at least penaltyThreshold (0.82), got 0.8' },
    ]);
  });
});
