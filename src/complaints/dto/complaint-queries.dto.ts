import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches, Validate } from 'class-validator';

import { IsoDateConstraint } from '../../common/http/as-of.query.js';
import { EXAMPLE } from '../../common/http/examples.js';
import { PageQueryDto } from '../../common/pagination/page.js';
import { CATEGORY_MESSAGE, CATEGORY_PATTERN } from '../../policies/dto/category.param.js';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '../domain/complaint.js';

export class ListComplaintsQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'hotel', description: "The supplier's category" })
  @IsOptional()
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category?: string;

  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE.supplierId })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  supplierId?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES, example: 'OPEN' })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;

  @ApiPropertyOptional({ example: true, description: 'true: only complaints overdue now (either deadline); false: no filter' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;
}

const PERIOD = 'Inclusive UTC date of openedAt, YYYY-MM-DD, from 2000-01-01 to today; from <= to (422 otherwise)';

export class SlaQuery {
  @ApiProperty({ example: 'hotel' })
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category: string;

  @ApiProperty({ format: 'date', example: '2026-11-01', description: PERIOD })
  @Validate(IsoDateConstraint)
  from: string;

  @ApiProperty({ format: 'date', example: '2026-11-24', description: PERIOD })
  @Validate(IsoDateConstraint)
  to: string;
}
