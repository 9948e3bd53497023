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
import { NotBlank } from '../../common/http/validators.js';
import { PageQueryDto } from '../../common/pagination/page.js';
import { CATEGORY_MESSAGE, CATEGORY_PATTERN } from '../../policies/dto/category.param.js';
import { AUDIT_STATUSES, type AuditStatus } from '../domain/audit-lifecycle.js';
import { TARGET_REASONS, type TargetReason } from '../domain/targets.js';

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

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Suppliers this shopper must never audit' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'must be UUIDs' })
  conflictSupplierIds?: string[];
}

export class ShopperDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty({ type: [String] }) categories: string[];
  @ApiProperty({ type: [String] }) themes: string[];
  @ApiProperty() maxOpenAudits: number;
  @ApiProperty({ description: 'Assignments ASSIGNED, ACCEPTED or SUBMITTED now' }) openAudits: number;
  @ApiProperty({ type: [String] }) conflictSupplierIds: string[];
  @ApiProperty() createdAt: string;
}

export class ShopperPageDto {
  @ApiProperty({ type: [ShopperDto] }) items: ShopperDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class TargetsQuery {
  @ApiPropertyOptional({ example: 'hotel' })
  @IsOptional()
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-25', description: AS_OF_DESCRIPTION })
  @IsOptional()
  @Validate(IsoDateConstraint)
  asOf?: string;
}

export class AuditTargetDto {
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({
    enum: TARGET_REASONS,
    isArray: true,
    example: ['REAUDIT', 'NEGATIVE_RATE'],
    description: 'REAUDIT: the latest accepted audit failed; such targets rank above every other until re-audited',
  })
  reasons: TargetReason[];
  @ApiProperty({ example: 10014.5, description: 'Higher first; a re-audit adds 10,000; a coverage gap alone is 1' }) priority: number;
  @ApiProperty({ example: 'hotel' }) category: string;
  @ApiProperty({ type: Number, nullable: true, description: '1 − raw rate over the first evaluation window' }) negativeRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Raw rate now minus the previous window of the same length' }) shift:
    number | null;
  @ApiProperty({ description: 'An assignment is already open for it' }) openAudit: boolean;
}

export class PlanDto extends TargetsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'At most this many assignments' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 14, description: 'Days the shopper has to visit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  dueInDays?: number;
}

export class CreateAuditDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  supplierId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  shopperId: string;

  @ApiProperty({ example: '2026-12-10T00:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 timestamp' })
  dueAt: string;

  @ApiPropertyOptional({ example: 'Complaints about the night shift' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ListAuditsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_STATUSES })
  @IsOptional()
  @IsIn(AUDIT_STATUSES)
  status?: AuditStatus;

  @ApiPropertyOptional({ format: 'uuid' })
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
  @ApiProperty({ example: '2026-11-20T19:00:00Z', description: 'Within the assignment window, not in the future' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 timestamp' })
  visitedAt: string;

  @ApiProperty({ type: [ChecklistScoreDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ChecklistScoreDto)
  checklist: ChecklistScoreDto[];

  @ApiProperty({ enum: VERDICTS })
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

export class AuditDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ format: 'uuid' }) shopperId: string;
  @ApiProperty({ enum: AUDIT_STATUSES }) status: AuditStatus;
  @ApiProperty({ enum: TARGET_REASONS, isArray: true, example: ['REAUDIT'], description: 'Why planned (empty: by hand)' })
  reasons: string[];
  @ApiProperty({ type: Number, nullable: true }) priority: number | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() assignedAt: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) report: Record<string, unknown> | null;
  @ApiProperty({ type: Number, nullable: true, description: '0..100 from the weighted checklist' }) score: number | null;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewNote: string | null;
  @ApiProperty({ type: String, nullable: true }) reviewedAt: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditDto] }) items: AuditDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class ChecklistEntryDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() weight: number;
}

/** What a shopper sees: the visit, the checklist to score; never other shoppers. */
export class MyAuditDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: AUDIT_STATUSES }) status: AuditStatus;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty() supplierName: string;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
  @ApiProperty() category: string;
  @ApiProperty() assignedAt: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ type: [ChecklistEntryDto] }) checklist: ChecklistEntryDto[];
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
}

export class MyAuditPageDto {
  @ApiProperty({ type: [MyAuditDto] }) items: MyAuditDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class CoverageQuery {
  @ApiProperty({ example: 'hotel' })
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category: string;
}

export class CoverageDto {
  @ApiProperty() category: string;
  @ApiProperty({ description: 'ACTIVE or PROBATION suppliers' }) activeSuppliers: number;
  @ApiProperty({ description: 'Of those, with an accepted audit in the trailing 365 days' }) audited: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.82 }) coverage: number | null;
  @ApiProperty({ example: 0.8 }) target: number;
}
