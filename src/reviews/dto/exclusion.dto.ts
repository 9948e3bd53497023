import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

import { NotBlank } from '../../common/http/validators.js';

export class ExcludeReviewDto {
  @ApiProperty({ example: 'Complains about the weather, which the supplier cannot influence' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  @NotBlank()
  reason: string;
}

export class RevertExclusionDto {
  @ApiPropertyOptional({ example: 'Excluded by mistake' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
