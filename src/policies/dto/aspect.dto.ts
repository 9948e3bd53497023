import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** The most aspects a taxonomy holds, and terms an aspect holds. */
export const MAX_ASPECTS = 60;
export const MAX_TERMS = 200;

/** One aspect of a category's taxonomy (PRODUCT.md, "Voice of the customer"). */
export class AspectDto {
  @ApiProperty({ example: 'cleanliness', maxLength: 40, description: 'Stable key the tags and reports use, unique in the taxonomy' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]*$/, { message: 'must be lower_snake_case (a letter, then letters, digits or _)' })
  @MaxLength(40)
  key: string;

  @ApiProperty({ example: 'Cleanliness', minLength: 1, maxLength: 80 })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  label: string;

  @ApiProperty({
    example: true,
    description: "False for causes outside the supplier's control (weather, the platform's booking service): the exclusion rule reads it",
  })
  @IsBoolean({ message: 'must be true or false' })
  supplierControllable: boolean;

  @ApiProperty({ example: false, description: 'A negative mention makes the supplier an audit target (CRITICAL_ASPECT)' })
  @IsBoolean({ message: 'must be true or false' })
  critical: boolean;

  @ApiProperty({
    type: [String],
    example: ['clean', 'dirty', 'stain', '干净', '脏'],
    minItems: 1,
    maxItems: MAX_TERMS,
    description:
      'Words and phrases naming the aspect, each 1..60 characters, none blank or repeated; Chinese ones match without word spaces',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TERMS)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(60, { each: true })
  terms: string[];
}
