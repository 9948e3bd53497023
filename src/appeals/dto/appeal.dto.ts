import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmptyObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { CATEGORY_PATTERN } from '../../common/category-slug.js';
import { EXAMPLE } from '../../common/http/examples.js';
import { PageQueryDto } from '../../common/pagination/page.js';
import {
  APPEAL_STATUSES,
  APPEAL_TARGET_KINDS,
  type AppealStatus,
  type AppealTargetKind,
  RULING_OUTCOMES,
  type RulingOutcome,
} from '../domain/appeal.js';

const TEXT = /\S/;

export class AppealTargetDto {
  @ApiProperty({ enum: APPEAL_TARGET_KINDS, example: 'DECISION' })
  @IsIn(APPEAL_TARGET_KINDS)
  kind: AppealTargetKind;

  @ApiProperty({ format: 'uuid', example: EXAMPLE.decisionId, description: 'The decision, review or recovery charge appealed' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;
}

export class CreateAppealDto {
  @ApiProperty({ type: AppealTargetDto })
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => AppealTargetDto)
  target: AppealTargetDto;

  @ApiProperty({ example: 'The guests who complained stayed in the annex, which we do not run.', maxLength: 5000 })
  @IsString()
  @Matches(TEXT, { message: 'must not be blank' })
  @MaxLength(5000)
  statement: string;

  @ApiPropertyOptional({ type: [String], example: ['https://example.com/evidence/annex-lease.pdf'], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true, message: 'each must be an http(s) URL' })
  @MaxLength(2000, { each: true })
  evidenceUrls?: string[];
}

export class RulingDto {
  @ApiProperty({ enum: RULING_OUTCOMES, example: 'GRANTED' })
  @IsIn(RULING_OUTCOMES)
  outcome: RulingOutcome;

  @ApiProperty({ example: 'The annex is run by another company; the reviews are not about this supplier.', maxLength: 2000 })
  @IsString()
  @Matches(TEXT, { message: 'must not be blank' })
  @MaxLength(2000)
  reason: string;
}

export class ListAppealsQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'hotel' })
  @IsOptional()
  @Matches(CATEGORY_PATTERN, { message: 'must be a category slug' })
  category?: string;

  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE.supplierId })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  supplierId?: string;

  @ApiPropertyOptional({ enum: APPEAL_STATUSES, example: 'OPEN' })
  @IsOptional()
  @IsIn(APPEAL_STATUSES)
  status?: AppealStatus;

  @ApiPropertyOptional({ example: true, description: 'true: only open appeals past their decision deadline' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;
}

export class RulingResponseDto {
  @ApiProperty({ enum: RULING_OUTCOMES, example: 'GRANTED' }) outcome: RulingOutcome;
  @ApiProperty({ example: 'The annex is run by another company; the reviews are not about this supplier.' }) reason: string;
  @ApiProperty({ example: 'category manager', description: 'Who ruled; a supplier reads "category manager"' }) by: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE.createdAt }) at: string;
}

export class AppealResponseDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.appealId }) id: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ example: 'Hotel Russo Palace', description: "The supplier's name" }) supplierName: string;
  @ApiProperty({ type: AppealTargetDto }) target: AppealTargetDto;
  @ApiProperty({ example: 'The guests who complained stayed in the annex, which we do not run.' }) statement: string;
  @ApiProperty({ type: [String], example: ['https://example.com/evidence/annex-lease.pdf'] }) evidenceUrls: string[];
  @ApiProperty({ enum: APPEAL_STATUSES, example: 'OPEN' }) status: AppealStatus;
  @ApiProperty({ format: 'date-time', example: '2026-11-27T10:00:00.000Z', description: 'When a manager must have ruled' })
  decideBy: string;
  @ApiProperty({ example: false, description: 'Open past decideBy' }) overdue: boolean;
  @ApiProperty({ type: RulingResponseDto, nullable: true, description: 'null while open' }) ruling: RulingResponseDto | null;
  @ApiProperty({ format: 'date-time', example: EXAMPLE.createdAt }) createdAt: string;
}

export class AppealPageDto {
  @ApiProperty({ type: [AppealResponseDto] }) items: AppealResponseDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}
