import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Validate } from 'class-validator';

import { AS_OF_DESCRIPTION, IsoDateConstraint } from '../../../common/http/as-of.query.js';
import { EXAMPLE } from '../../../common/http/examples.js';
import { IsReason } from '../../../common/http/validators.js';
import { PageQueryDto } from '../../../common/pagination/page.js';
import { type Tier, TIERS } from '../../../suppliers/domain/supplier-lifecycle.js';
import { WARNINGS_DESCRIPTION, WARNINGS_EXAMPLE } from '../../status/status-change-response.dto.js';

export const OUTCOMES = ['ADMITTED', 'PENDING_EVIDENCE', 'REJECTED'] as const;

export class ApplyDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId, description: 'An APPLICANT, or a REJECTED or DELISTED supplier' })
  @IsUUID('all', { message: 'must be a UUID' })
  supplierId: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-25', description: `Evaluate as of this date. ${AS_OF_DESCRIPTION}` })
  @IsOptional()
  @Validate(IsoDateConstraint)
  asOf?: string;
}

export class OverrideDto {
  @ApiProperty({ enum: ['ADMITTED', 'REJECTED'], example: 'ADMITTED' })
  @IsIn(['ADMITTED', 'REJECTED'])
  outcome: 'ADMITTED' | 'REJECTED';

  @ApiProperty({ example: 'Flagship partner; reviews predate the renovation', description: 'Mandatory' })
  @IsReason()
  reason: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-03-31',
    description:
      'Only with outcome ADMITTED: scoring runs dated up to and including this date make no sanction decision for the supplier. After today, at most 180 days ahead (422 otherwise)',
  })
  @IsOptional()
  @Validate(IsoDateConstraint)
  holdUntil?: string;
}

export class ListApplicationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE.supplierId })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  supplierId?: string;
}

export class EvaluationSummaryDto {
  @ApiProperty({ type: Number, nullable: true, example: 90 }) windowDays: number | null;
  @ApiProperty({ example: 120 }) n: number;
  @ApiProperty({ example: 112 }) positives: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.9333 }) rawRate: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.874 }) wilsonLower: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.9333 }) rate: number | null;
  @ApiProperty({ enum: TIERS, example: 'GOOD' }) tier: Tier;
}

export class OverrideInfoDto {
  @ApiProperty({ enum: ['ADMITTED', 'REJECTED'], example: 'ADMITTED' }) outcome: string;
  @ApiProperty({ example: 'Flagship partner; reviews predate the renovation' }) reason: string;
  @ApiProperty({ example: EXAMPLE.actor }) by: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-26T09:15:00.000Z' }) at: string;
}

export class ApplicationResponseDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.applicationId }) id: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ enum: OUTCOMES, example: 'ADMITTED', description: 'What the rules decided' }) outcome: string;
  @ApiProperty({ enum: OUTCOMES, example: 'ADMITTED', description: 'The outcome in force: the override when there is one' })
  effectiveOutcome: string;
  @ApiProperty({ type: EvaluationSummaryDto }) evaluation: EvaluationSummaryDto;
  @ApiProperty({ example: 'Rate 93.3% over the last 90 days (112/120 positive) meets the admission bar of 90.0%.' }) reason: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Needs at least 20 reviews in the last 365 days (has 5) to be rated; admission then needs a rate of at least 90.0%.',
    description:
      'What the supplier needs next, as the rules left it: what reaches admission (pending or rejected, with the date it may apply again), ' +
      'or the next tier once admitted. Null for applications made before next steps were recorded.',
  })
  nextStep: string | null;
  @ApiProperty({ format: 'date', example: EXAMPLE.asOf }) asOf: string;
  @ApiProperty({ example: 1 }) policyVersion: number;
  @ApiProperty({ example: EXAMPLE.actor }) createdBy: string;
  @ApiProperty({ type: OverrideInfoDto, nullable: true }) override: OverrideInfoDto | null;
  @ApiProperty({ format: 'date-time', example: EXAMPLE.createdAt }) createdAt: string;
}

/** The application with its override, and what the next run would do to the supplier. */
export class OverrideResponseDto extends ApplicationResponseDto {
  @ApiProperty({ type: [String], example: WARNINGS_EXAMPLE, description: WARNINGS_DESCRIPTION })
  warnings: string[];
}

export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationResponseDto] }) items: ApplicationResponseDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}
