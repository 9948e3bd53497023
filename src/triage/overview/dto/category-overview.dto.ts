import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

import { DECISION_KINDS, type DecisionKind } from '../../../decisions/domain/decision.js';
import { SUPPLIER_STATUSES, type SupplierStatus } from '../../../suppliers/domain/supplier-lifecycle.js';
import { RISK_KINDS, type RiskKind } from '../../domain/at-risk.js';
import { TIER_KEYS, type TierKey } from '../../domain/overview.js';

/** An object with a count for each of these keys, every key present (0 when none). */
function countsSchema(keys: readonly string[], example: Record<string, number>, description: string): ApiPropertyOptions {
  return {
    type: 'object' as const,
    properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer', minimum: 0, example: 0 }])),
    required: [...keys],
    additionalProperties: false,
    example,
    description,
  } as ApiPropertyOptions;
}

export class OverviewSuppliersDto {
  @ApiProperty({ example: 262, description: 'Every supplier of the category, whatever its status' }) total: number;
  @ApiProperty(
    countsSchema(
      SUPPLIER_STATUSES,
      { APPLICANT: 4, ACTIVE: 231, PROBATION: 19, SUSPENDED: 2, DELISTED: 5, REJECTED: 1 },
      'The suppliers by status',
    ),
  )
  byStatus: Record<SupplierStatus, number>;
  @ApiProperty({ example: 250, description: 'ACTIVE and PROBATION suppliers: those the runs score and the audit coverage counts' })
  live: number;
  @ApiProperty(
    countsSchema(
      TIER_KEYS,
      { EXCELLENT: 61, GOOD: 140, WATCH: 27, POOR: 9, INSUFFICIENT_DATA: 10, NOT_SCORED: 3 },
      'The ACTIVE and PROBATION suppliers by their stored tier (as the last run left it); NOT_SCORED: never scored',
    ),
  )
  byTier: Record<TierKey, number>;
}

export class OverviewDecisionsDto {
  @ApiProperty({ format: 'date', example: '2026-11-25', description: 'The first UTC day counted' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-12-01', description: 'The last UTC day counted: asOf' }) to: string;
  @ApiProperty({ example: 14 }) total: number;
  @ApiProperty(
    countsSchema(
      DECISION_KINDS,
      {
        REWARD: 3,
        WARNING: 4,
        PENALTY: 2,
        REINSTATE: 1,
        DELIST: 0,
        ADMIT: 2,
        REJECT: 0,
        OVERRIDE: 1,
        AUDIT_PASSED: 1,
        AUDIT_FAILED: 0,
        APPEAL_GRANTED: 0,
        HOLD_LIFTED: 0,
      },
      'The decisions made (createdAt) on those days, by kind: what GET /v1/decisions?category=&from=&to= lists',
    ),
  )
  byKind: Record<DecisionKind, number>;
}

export class OverviewAtRiskDto {
  @ApiProperty({ format: 'date', example: '2026-12-02', description: 'The date of the next nightly run: tomorrow (UTC)' })
  nextRun: string;
  @ApiProperty({ example: 11, description: 'What GET /v1/suppliers?category=&atRisk=true lists' }) total: number;
  @ApiProperty(countsSchema(RISK_KINDS, { PENALTY: 5, DELIST: 2, WARNING: 4 }, 'By the sanction the next run would make (wouldDecide)'))
  byDecision: Record<RiskKind, number>;
}

export class OverviewProbationsDto {
  @ApiProperty({ example: 14 }) withinDays: number;
  @ApiProperty({
    format: 'date',
    example: '2026-12-16',
    description: 'Probations ending before this date (today + 15 days): GET /v1/suppliers?status=PROBATION&probationEndsBefore= lists them',
  })
  endsBefore: string;
  @ApiProperty({ example: 6, description: 'Suppliers on probation ending by today + 14 days, those already past their end included' })
  ending: number;
}

export class OverviewComplaintsDto {
  @ApiProperty({ example: 3, description: "Complaints overdue now, whenever opened (the SLA report's overdueNow)" }) overdueNow: number;
}

export class OverviewAppealsDto {
  @ApiProperty({ example: 4, description: 'OPEN appeals: waiting for a ruling' }) waiting: number;
  @ApiProperty({ example: 1, description: 'Of those, past their decideBy (GET /v1/appeals?overdue=true)' }) overdue: number;
}

export class OverviewCoverageDto {
  @ApiProperty({ example: 250, description: 'ACTIVE or PROBATION suppliers' }) activeSuppliers: number;
  @ApiProperty({ example: 205, description: 'Of those, with an accepted audit in the trailing 365 days' }) audited: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.82, description: 'audited / activeSuppliers; null without any' })
  coverage: number | null;
  @ApiProperty({ example: 0.8 }) target: number;
  @ApiProperty({ example: true, description: 'coverage reaches the target' }) onTarget: boolean;
}

export class CategoryOverviewDto {
  @ApiProperty({ example: 'hotel' }) category: string;
  @ApiProperty({ format: 'date', example: '2026-12-01', description: 'The last day of the decisions counted' }) asOf: string;
  @ApiProperty({ example: 3, description: "The category's latest policy version" }) policyVersion: number;
  @ApiProperty({ type: OverviewSuppliersDto }) suppliers: OverviewSuppliersDto;
  @ApiProperty({ type: OverviewDecisionsDto }) decisions: OverviewDecisionsDto;
  @ApiProperty({ type: OverviewAtRiskDto }) atRisk: OverviewAtRiskDto;
  @ApiProperty({ type: OverviewProbationsDto }) probations: OverviewProbationsDto;
  @ApiProperty({ type: OverviewComplaintsDto }) complaints: OverviewComplaintsDto;
  @ApiProperty({ type: OverviewAppealsDto }) appeals: OverviewAppealsDto;
  @ApiProperty({ type: OverviewCoverageDto }) auditCoverage: OverviewCoverageDto;
}
