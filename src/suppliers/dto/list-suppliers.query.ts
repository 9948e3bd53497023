import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

import { PageQueryDto } from '../../common/pagination/page.js';
import { CATEGORY_MESSAGE, CATEGORY_PATTERN } from '../../policies/dto/category.param.js';
import { SUPPLIER_STATUSES, type SupplierStatus, type Tier, TIERS } from '../domain/supplier-lifecycle.js';

export class ListSuppliersQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'hotel' })
  @IsOptional()
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category?: string;

  @ApiPropertyOptional({ enum: SUPPLIER_STATUSES, example: 'PROBATION' })
  @IsOptional()
  @IsIn(SUPPLIER_STATUSES)
  status?: SupplierStatus;

  @ApiPropertyOptional({ enum: TIERS, example: 'POOR' })
  @IsOptional()
  @IsIn(TIERS)
  tier?: Tier;
}
