import { describe, expect, it } from 'vitest';

import { evidenceOfRow, type EvidenceRow } from '../../src/decisions/decision-evidence.js';

const none: EvidenceRow = {
  evidence: null,
  ev_window_days: null,
  ev_n: null,
  ev_positives: null,
  ev_raw_rate: null,
  ev_wilson_lower: null,
  ev_rate: null,
  ev_tier: null,
  ev_rate_method: null,
  ev_reward_threshold: null,
  ev_admission_threshold: null,
  ev_penalty_threshold: null,
  ev_delist_threshold: null,
  ev_reinstate_margin: null,
  ev_min_reviews: null,
  ev_positive_min_rating: null,
};
const referred: EvidenceRow = {
  ...none,
  ev_window_days: 365,
  ev_n: 25,
  ev_positives: 20,
  ev_raw_rate: 0.8,
  ev_wilson_lower: 0.6087,
  ev_rate: 0.6087,
  ev_tier: 'POOR',
  ev_rate_method: 'WILSON',
  ev_reward_threshold: 0.95,
  ev_admission_threshold: 0.9,
  ev_penalty_threshold: 0.85,
  ev_delist_threshold: 0.7,
  ev_reinstate_margin: 0.02,
  ev_min_reviews: 20,
  ev_positive_min_rating: 4,
};

describe("a decision's evidence as read", () => {
  it('is the stored object when the decision holds one, whatever was joined', () => {
    expect(evidenceOfRow({ ...referred, evidence: { manual: true, tierAtOverride: 'GOOD' } })).toEqual({
      manual: true,
      tierAtOverride: 'GOOD',
    });
  });

  it("is built from the run's snapshot and the policy version when stored by reference", () => {
    expect(evidenceOfRow(referred)).toEqual({
      windowDays: 365,
      n: 25,
      positives: 20,
      rawRate: 0.8,
      wilsonLower: 0.6087,
      rate: 0.6087,
      rateMethod: 'WILSON',
      tier: 'POOR',
      thresholds: { reward: 0.95, admission: 0.9, penalty: 0.85, delist: 0.7, reinstate: 0.9 + 0.02 },
      minReviews: 20,
      positiveMinRating: 4,
    });
  });

  it('keeps an insufficient-data evaluation as it is: no window, no rates', () => {
    const thin = {
      ...referred,
      ev_window_days: null,
      ev_n: 3,
      ev_positives: 3,
      ev_raw_rate: null,
      ev_wilson_lower: null,
      ev_rate: null,
      ev_tier: 'INSUFFICIENT_DATA' as const,
    };
    expect(evidenceOfRow(thin)).toMatchObject({
      windowDays: null,
      n: 3,
      positives: 3,
      rawRate: null,
      wilsonLower: null,
      rate: null,
      tier: 'INSUFFICIENT_DATA',
    });
  });

  it('is null when there is neither a stored object nor a snapshot and policy to build one from', () => {
    expect(evidenceOfRow(none)).toBeNull();
    expect(evidenceOfRow({ ...referred, ev_rate_method: null })).toBeNull();
  });
});
