import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { IsReason } from '../../common/http/validators.js';

export class ExcludeReviewDto {
  @ApiProperty({ example: 'Complains about the weather, which the supplier cannot influence' })
  @IsReason()
  reason: string;
}

export class RevertExclusionDto {
  @ApiPropertyOptional({ example: 'Excluded by mistake' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
