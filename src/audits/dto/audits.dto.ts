import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
} from 'class-validator';

import { AS_OF_DESCRIPTION, IsoDateConstraint } from '../../common/http/as-of.query.js';
import { EXAMPLE } from '../../common/http/examples.js';
import { NotBlank } from '../../common/http/validators.js';
import { PageQueryDto } from '../../common/pagination/page.js';
import { CATEGORY_MESSAGE, CATEGORY_PATTERN } from '../../policies/dto/category.param.js';
import { AUDIT_STATUSES, type AuditStatus } from '../domain/audit-lifecycle.js';

export class CreateShopperDto {
  @ApiProperty({ example: 'Mei (Shanghai food & family trips)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NotBlank()
  displayName: string;

  @ApiPropertyOptional({ example: 'Shanghai' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  city?: string;

  @ApiProperty({ type: [String], example: ['hotel', 'tour'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(CATEGORY_PATTERN, { each: true, message: CATEGORY_MESSAGE })
  categories: string[];

  @ApiPropertyOptional({ type: [String], example: ['family', 'food'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  themes?: string[];

  @ApiProperty({ example: 3, minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  maxOpenAudits: number;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: [EXAMPLE.otherSupplierId],
    description: 'Suppliers this shopper must never audit',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'must be UUIDs' })
  conflictSupplierIds?: string[];
}

export class TargetsQuery {
  @ApiPropertyOptional({ example: 'hotel' })
  @IsOptional()
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category?: string;

  @ApiPropertyOptional({ format: 'date', example: EXAMPLE.asOf, description: AS_OF_DESCRIPTION })
  @IsOptional()
  @Validate(IsoDateConstraint)
  asOf?: string;
}

export class PlanDto extends TargetsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, example: 20, description: 'At most this many assignments' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 14, example: 14, description: 'Days the shopper has to visit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  dueInDays?: number;
}

export class CreateAuditDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId, description: 'An ACTIVE or PROBATION supplier' })
  @IsUUID('all', { message: 'must be a UUID' })
  supplierId: string;

  @ApiProperty({ format: 'uuid', example: EXAMPLE.shopperId, description: "A shopper of the supplier's category with a free slot" })
  @IsUUID('all', { message: 'must be a UUID' })
  shopperId: string;

  // Far ahead so that the example stays valid (dueAt must be in the future).
  @ApiProperty({ format: 'date-time', example: '2030-01-15T18:00:00Z', description: 'In the future' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 timestamp' })
  dueAt: string;

  @ApiPropertyOptional({ example: 'Complaints about the night shift' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ListAuditsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_STATUSES, example: 'SUBMITTED' })
  @IsOptional()
  @IsIn(AUDIT_STATUSES)
  status?: AuditStatus;

  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE.supplierId })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  supplierId?: string;
}

export class ChecklistScoreDto {
  @ApiProperty({ example: 'safety' })
  @IsString()
  @MaxLength(64)
  key: string;

  @ApiProperty({ example: 4, minimum: 0, maximum: 5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(5)
  score: number;

  @ApiPropertyOptional({ example: 'Fire exit blocked on floor 3' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export const VERDICTS = ['CONFIRMS_REVIEWS', 'CONTRADICTS_REVIEWS', 'MIXED'] as const;

export class ReportDto {
  @ApiProperty({ format: 'date-time', example: '2026-11-20T19:00:00Z', description: 'Within the assignment window, not in the future' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 timestamp' })
  visitedAt: string;

  @ApiProperty({
    type: [ChecklistScoreDto],
    description: "Every key of the category's checklist, once",
    example: [
      { key: 'as_described', score: 4 },
      { key: 'safety', score: 2, note: 'Fire exit blocked on floor 3' },
      { key: 'service', score: 5 },
      { key: 'cleanliness', score: 4 },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ChecklistScoreDto)
  checklist: ChecklistScoreDto[];

  @ApiProperty({ enum: VERDICTS, example: 'MIXED' })
  @IsIn(VERDICTS)
  verdict: (typeof VERDICTS)[number];

  @ApiProperty({ example: 'Room as described; staff helpful; breakfast poor.' })
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  @NotBlank()
  summary: string;

  @ApiPropertyOptional({ type: [String], example: ['https://evidence.example.com/p/123.jpg'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { each: true, message: 'must be http(s) URLs' })
  evidenceUrls?: string[];
}

export class ReviewReportDto {
  @ApiProperty({ example: true, description: 'Accepting makes an AUDIT_PASSED or AUDIT_FAILED decision' })
  @IsBoolean()
  accept: boolean;

  @ApiProperty({ example: 'Photos match the findings' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @NotBlank()
  note: string;
}

/** What a shopper sees: the visit, the checklist to score; never other shoppers. */
export class CoverageQuery {
  @ApiProperty({ example: 'hotel' })
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category: string;
}
