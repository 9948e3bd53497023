import { defaultAspects } from './domain/aspects.js';
import { copyAspects, type Policy } from './domain/policy.js';
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
