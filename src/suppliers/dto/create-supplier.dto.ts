import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

import { NotBlank } from '../../common/http/validators.js';
import { CATEGORY_MESSAGE, CATEGORY_PATTERN } from '../../policies/dto/category.param.js';

export class CreateSupplierDto {
  @ApiProperty({ example: 'HTL-000123', description: "The supplier's id in the platform's catalogue; unique" })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @Matches(/^[^\s\p{Cc}][^\p{Cc}]*$/u, { message: 'must not start with a space or hold control characters' })
  externalRef: string;

  @ApiProperty({ example: 'Hotel Russo Palace' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @NotBlank()
  name: string;

  @ApiProperty({ example: 'hotel', description: 'Must have a policy' })
  @IsString()
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category: string;

  @ApiPropertyOptional({ example: 'Venice' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @NotBlank()
  city?: string;

  @ApiPropertyOptional({ type: [String], example: ['beach', 'family'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(60, { each: true })
  themes?: string[];
}
