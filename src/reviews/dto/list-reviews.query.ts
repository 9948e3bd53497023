import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

import { PageQueryDto } from '../../common/pagination/page.js';

export class ListReviewsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only excluded reviews; false: only counted ones', example: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  excluded?: boolean;
}
