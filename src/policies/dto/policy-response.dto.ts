import { ApiProperty } from '@nestjs/swagger';

import { AUTO_EXCLUSION_MODES, type AutoExclusion } from '../domain/aspects.js';
import { RATE_METHODS, type RateMethod } from '../domain/policy.js';
import { AspectDto } from './aspect.dto.js';
import { ChecklistItemDto } from './policy-input.dto.js';

export class PolicyResponseDto {
  @ApiProperty({ example: 'hotel' }) category: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ example: 4 }) positiveMinRating: number;
  @ApiProperty({ type: [Number], example: [30, 90, 180, 365] }) windows: number[];
  @ApiProperty({ type: [Number], example: [90, 365] }) evaluationWindows: number[];
  @ApiProperty({ example: 20 }) minReviews: number;
  @ApiProperty({ enum: RATE_METHODS, example: 'RAW' }) rateMethod: RateMethod;
  @ApiProperty({ example: 0.95 }) confidence: number;
  @ApiProperty({ example: 0.95 }) rewardThreshold: number;
  @ApiProperty({ example: 0.9 }) admissionThreshold: number;
  @ApiProperty({ example: 0.85 }) penaltyThreshold: number;
  @ApiProperty({ example: 0.7 }) delistThreshold: number;
  @ApiProperty({ example: 30 }) probationDays: number;
  @ApiProperty({ example: 0.02 }) reinstateMargin: number;
  @ApiProperty({ example: 90 }) readmissionCooldownDays: number;
  @ApiProperty({ example: 60 }) auditPassScore: number;
  @ApiProperty({ example: 0.2 }) auditNegativeRate: number;
  @ApiProperty({ example: 0.15 }) auditShiftThreshold: number;
  @ApiProperty({ type: [ChecklistItemDto] }) auditChecklist: ChecklistItemDto[];
  @ApiProperty({ example: 24 }) complaintResponseHours: number;
  @ApiProperty({ example: 72 }) complaintResolutionHours: number;
  @ApiProperty({ example: 90 }) complaintWindowDays: number;
  @ApiProperty({ example: 100 }) minOrders: number;
  @ApiProperty({ example: 0.01 }) complaintRateThreshold: number;
  @ApiProperty({ example: 14 }) appealWindowDays: number;
  @ApiProperty({ example: 48 }) appealDecisionHours: number;
  @ApiProperty({
    type: [AspectDto],
    description: "The taxonomy; a version stored before taxonomies existed shows the category's built-in one",
  })
  aspects: AspectDto[];
  @ApiProperty({ enum: AUTO_EXCLUSION_MODES, example: 'PROPOSE' }) autoExclusion: AutoExclusion;
  @ApiProperty({ example: 'manager@example.com' }) createdBy: string;
  @ApiProperty({ example: '2026-11-25T10:00:00.000Z' }) createdAt: string;
}

export class PolicyVersionsResponseDto {
  @ApiProperty({ type: [PolicyResponseDto] })
  items: PolicyResponseDto[];

  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor: string | null;
}
