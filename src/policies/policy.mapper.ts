import { type Aspect, type AutoExclusion, defaultAspects } from './domain/aspects.js';
import { type ChecklistItem, copyAspects, type Policy, type RateMethod } from './domain/policy.js';
import type { PolicyDiff } from './domain/policy-diff.js';
import type { PolicyDiffDto } from './dto/policy-diff.dto.js';
import type { PolicyResponseDto } from './dto/policy-response.dto.js';
import type { PolicyEntity } from './policy.entity.js';

export function policyFromEntity(e: PolicyEntity): Policy {
  return {
    category: e.category,
    version: e.version,
    positiveMinRating: e.positiveMinRating,
    windows: e.windows,
    evaluationWindows: e.evaluationWindows,
    minReviews: e.minReviews,
    rateMethod: e.rateMethod,
    confidence: e.confidence,
    rewardThreshold: e.rewardThreshold,
    admissionThreshold: e.admissionThreshold,
    penaltyThreshold: e.penaltyThreshold,
    delistThreshold: e.delistThreshold,
    probationDays: e.probationDays,
    reinstateMargin: e.reinstateMargin,
    readmissionCooldownDays: e.readmissionCooldownDays,
    auditPassScore: e.auditPassScore,
    auditNegativeRate: e.auditNegativeRate,
    auditShiftThreshold: e.auditShiftThreshold,
    auditChecklist: e.auditChecklist,
    complaintResponseHours: e.complaintResponseHours,
    complaintResolutionHours: e.complaintResolutionHours,
    complaintWindowDays: e.complaintWindowDays,
    minOrders: e.minOrders,
    complaintRateThreshold: e.complaintRateThreshold,
    appealWindowDays: e.appealWindowDays,
    appealDecisionHours: e.appealDecisionHours,
    aspects: e.aspects ?? defaultAspects(e.category),
    autoExclusion: e.autoExclusion,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
  };
}

/** A row of the repository's policy columns. */
export interface PolicyRow {
  category: string;
  version: number;
  positive_min_rating: number;
  windows: number[];
  evaluation_windows: number[];
  min_reviews: number;
  rate_method: RateMethod;
  confidence: number;
  reward_threshold: number;
  admission_threshold: number;
  penalty_threshold: number;
  delist_threshold: number;
  probation_days: number;
  reinstate_margin: number;
  readmission_cooldown_days: number;
  audit_pass_score: number;
  audit_negative_rate: number;
  audit_shift_threshold: number;
  audit_checklist: ChecklistItem[];
  complaint_response_hours: number;
  complaint_resolution_hours: number;
  complaint_window_days: number;
  min_orders: number;
  complaint_rate_threshold: number;
  appeal_window_days: number;
  appeal_decision_hours: number;
  aspects: Aspect[] | null;
  auto_exclusion: AutoExclusion;
  created_by: string;
  created_at: Date;
}

export function policyFromRow(r: PolicyRow): Policy {
  return {
    category: r.category,
    version: r.version,
    positiveMinRating: r.positive_min_rating,
    windows: r.windows,
    evaluationWindows: r.evaluation_windows,
    minReviews: r.min_reviews,
    rateMethod: r.rate_method,
    confidence: r.confidence,
    rewardThreshold: r.reward_threshold,
    admissionThreshold: r.admission_threshold,
    penaltyThreshold: r.penalty_threshold,
    delistThreshold: r.delist_threshold,
    probationDays: r.probation_days,
    reinstateMargin: r.reinstate_margin,
    readmissionCooldownDays: r.readmission_cooldown_days,
    auditPassScore: r.audit_pass_score,
    auditNegativeRate: r.audit_negative_rate,
    auditShiftThreshold: r.audit_shift_threshold,
    auditChecklist: r.audit_checklist,
    complaintResponseHours: r.complaint_response_hours,
    complaintResolutionHours: r.complaint_resolution_hours,
    complaintWindowDays: r.complaint_window_days,
    minOrders: r.min_orders,
    complaintRateThreshold: r.complaint_rate_threshold,
    appealWindowDays: r.appeal_window_days,
    appealDecisionHours: r.appeal_decision_hours,
    aspects: r.aspects ?? defaultAspects(r.category),
    autoExclusion: r.auto_exclusion,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function policyToResponse(p: Policy): PolicyResponseDto {
  const { createdAt, createdBy, auditChecklist, windows, evaluationWindows, aspects, ...rest } = p;
  return {
    ...rest,
    windows: [...windows],
    evaluationWindows: [...evaluationWindows],
    auditChecklist: auditChecklist.map((i) => ({ key: i.key, label: i.label, weight: i.weight })),
    aspects: copyAspects(aspects),
    createdBy,
    createdAt: createdAt.toISOString(),
  };
}

export function policyDiffToResponse(d: PolicyDiff): PolicyDiffDto {
  return { from: d.from, to: d.to, changes: d.changes.map((c) => ({ field: c.field, from: c.from, to: c.to })) };
}
