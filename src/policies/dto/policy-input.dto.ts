import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

import { AUTO_EXCLUSION_MODES, type AutoExclusion } from '../domain/aspects.js';
import { DEFAULT_POLICY, RATE_METHODS, type RateMethod } from '../domain/policy.js';
import { AspectDto, MAX_ASPECTS } from './aspect.dto.js';

const finite = { allowNaN: false, allowInfinity: false };

export class ChecklistItemDto {
  @ApiProperty({ example: 'as_described', description: 'Stable key that reports score against' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: 'must be lower_snake_case, at most 64 characters' })
  key: string;

  @ApiProperty({ example: 'Product as described' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  label: string;

  @ApiProperty({ example: 3, description: 'Relative weight in the report score' })
  @IsNumber(finite)
  @Min(0.01)
  @Max(1000)
  weight: number;
}

/** The settings of a policy; every field is optional and takes PRODUCT.md's default. */
export class PolicyInputDto {
  @ApiPropertyOptional({
    example: DEFAULT_POLICY.positiveMinRating,
    minimum: 1,
    maximum: 5,
    description: 'A review is positive when rating >= this',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  positiveMinRating?: number;

  @ApiPropertyOptional({ example: DEFAULT_POLICY.windows, type: [Number], description: 'Window lengths in days reported on scorecards' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(3650, { each: true })
  windows?: number[];

  @ApiPropertyOptional({
    example: DEFAULT_POLICY.evaluationWindows,
    type: [Number],
    description: 'Windows tried shortest first; the first with n >= minReviews decides',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(3650, { each: true })
  evaluationWindows?: number[];

  @ApiPropertyOptional({ example: DEFAULT_POLICY.minReviews, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  minReviews?: number;

  @ApiPropertyOptional({ enum: RATE_METHODS, example: DEFAULT_POLICY.rateMethod })
  @IsOptional()
  @IsIn(RATE_METHODS)
  rateMethod?: RateMethod;

  @ApiPropertyOptional({ example: DEFAULT_POLICY.confidence, description: 'Two-sided confidence of the Wilson bound' })
  @IsOptional()
  @IsNumber(finite)
  @Min(0.5)
  @Max(0.9999)
  confidence?: number;

  @ApiPropertyOptional({ example: DEFAULT_POLICY.rewardThreshold, minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1)
  rewardThreshold?: number;

  @ApiPropertyOptional({ example: DEFAULT_POLICY.admissionThreshold, minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1)
  admissionThreshold?: number;

  @ApiPropertyOptional({ example: DEFAULT_POLICY.penaltyThreshold, minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1)
  penaltyThreshold?: number;

  @ApiPropertyOptional({ example: DEFAULT_POLICY.delistThreshold, minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1)
  delistThreshold?: number;

  @ApiPropertyOptional({ example: DEFAULT_POLICY.probationDays, minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  probationDays?: number;

  @ApiPropertyOptional({
    example: DEFAULT_POLICY.reinstateMargin,
    description:
      'Hysteresis above admissionThreshold needed to leave probation; admissionThreshold + reinstateMargin (the reinstatement bar) must be at most 1',
  })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1)
  reinstateMargin?: number;

  @ApiPropertyOptional({ example: DEFAULT_POLICY.readmissionCooldownDays, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  readmissionCooldownDays?: number;

  @ApiPropertyOptional({ example: DEFAULT_POLICY.auditPassScore, minimum: 0, maximum: 100 })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(100)
  auditPassScore?: number;

  @ApiPropertyOptional({ example: DEFAULT_POLICY.auditNegativeRate, description: 'Negative rate that makes a supplier an audit target' })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1)
  auditNegativeRate?: number;

  @ApiPropertyOptional({
    example: DEFAULT_POLICY.auditShiftThreshold,
    description: 'Change of raw rate between windows that makes a supplier an audit target',
  })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1)
  auditShiftThreshold?: number;

  @ApiPropertyOptional({ type: [ChecklistItemDto], example: DEFAULT_POLICY.auditChecklist })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  auditChecklist?: ChecklistItemDto[];

  @ApiPropertyOptional({
    example: DEFAULT_POLICY.complaintResponseHours,
    minimum: 1,
    maximum: 720,
    description: 'Hours from opening by which a complaint must be answered (respondBy)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  complaintResponseHours?: number;

  @ApiPropertyOptional({
    example: DEFAULT_POLICY.complaintResolutionHours,
    minimum: 1,
    maximum: 8760,
    description: 'Hours from opening by which a complaint must be resolved (resolveBy); at least complaintResponseHours',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8760)
  complaintResolutionHours?: number;

  @ApiPropertyOptional({
    example: DEFAULT_POLICY.complaintWindowDays,
    minimum: 1,
    maximum: 3650,
    description: 'Days of complaints and orders the complaint rate counts',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  complaintWindowDays?: number;

  @ApiPropertyOptional({
    example: DEFAULT_POLICY.minOrders,
    minimum: 1,
    description: 'Orders in the complaint window below which the complaint rate is not applied',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  minOrders?: number;

  @ApiPropertyOptional({
    example: DEFAULT_POLICY.complaintRateThreshold,
    minimum: 0.0001,
    maximum: 1,
    description:
      'Supplier-fault complaint rate at or above which an active supplier is put on probation and one on probation is not reinstated',
  })
  @IsOptional()
  @IsNumber(finite)
  @Min(0.0001)
  @Max(1)
  complaintRateThreshold?: number;

  @ApiPropertyOptional({
    example: DEFAULT_POLICY.appealWindowDays,
    minimum: 1,
    maximum: 365,
    description: 'Days after a decision, a review or a charge within which the supplier may appeal it',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  appealWindowDays?: number;

  @ApiPropertyOptional({
    example: DEFAULT_POLICY.appealDecisionHours,
    minimum: 1,
    maximum: 720,
    description: 'Hours a manager has to rule on an appeal; past them it is overdue',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  appealDecisionHours?: number;

  @ApiPropertyOptional({
    type: [AspectDto],
    maxItems: MAX_ASPECTS,
    example: DEFAULT_POLICY.aspects.slice(0, 2),
    description:
      "The taxonomy reviews are tagged with, replaced whole when given. PUT without it stores the category's built-in taxonomy " +
      '(hotel, tour, flight, guide, car; others a generic set); keys unique, terms neither blank nor repeated within an aspect',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ASPECTS)
  @ValidateNested({ each: true })
  @Type(() => AspectDto)
  aspects?: AspectDto[];

  @ApiPropertyOptional({
    enum: AUTO_EXCLUSION_MODES,
    example: DEFAULT_POLICY.autoExclusion,
    description:
      'A review below positiveMinRating whose negative mentions are all of non-controllable aspects: OFF nothing; PROPOSE queued for a ' +
      'manager to accept or reject; APPLY excluded at once by the rule (logged, revertible)',
  })
  @IsOptional()
  @IsIn(AUTO_EXCLUSION_MODES)
  autoExclusion?: AutoExclusion;
}
