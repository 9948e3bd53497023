import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export const CATEGORY_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;
export const CATEGORY_MESSAGE = 'must be lower-case letters, digits, "_" or "-", starting with a letter (at most 64)';

export class CategoryParam {
  @ApiProperty({ example: 'hotel' })
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category: string;
}
