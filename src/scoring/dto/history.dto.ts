import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Validate } from 'class-validator';

import { IsoDateConstraint } from '../../common/http/as-of.query.js';
import { EXAMPLE } from '../../common/http/examples.js';
import { SUPPLIER_STATUSES, type SupplierStatus, type Tier, TIERS } from '../../suppliers/domain/supplier-lifecycle.js';

export const HISTORY_DEFAULT_DAYS = 90;
export const HISTORY_MAX_DAYS = 731;

export class HistoryQuery {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-09-01',
    description: `First day (inclusive, UTC); default ${HISTORY_DEFAULT_DAYS} days up to \`to\`. At most ${HISTORY_MAX_DAYS} days from \`to\`.`,
  })
  @IsOptional()
  @Validate(IsoDateConstraint)
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-25', description: 'Last day (inclusive, UTC); default today' })
  @IsOptional()
  @Validate(IsoDateConstraint)
  to?: string;
}

export class HistoryPointDto {
  @ApiProperty({ format: 'date', example: '2026-11-25', description: 'The as-of date of the scoring run' }) asOf: string;
  @ApiProperty({ type: Number, nullable: true, example: 90, description: 'The window that decided; null with INSUFFICIENT_DATA' })
  windowDays: number | null;
  @ApiProperty({ example: 120 }) n: number;
  @ApiProperty({ example: 111 }) positives: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.925, description: 'The rate the policy decides on' }) rate: number | null;
  @ApiProperty({ enum: TIERS, example: 'GOOD' }) tier: Tier;
  @ApiProperty({ enum: SUPPLIER_STATUSES, example: 'ACTIVE', description: 'The status the run left the supplier in' })
  status: SupplierStatus;
}

export class HistoryDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ format: 'date', example: '2026-08-28' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-11-25' }) to: string;
  @ApiProperty({ type: [HistoryPointDto], description: 'One point per scoring run that scored the supplier, oldest first' })
  items: HistoryPointDto[];
}
