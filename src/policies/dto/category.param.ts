import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

import { CATEGORY_MESSAGE, CATEGORY_PATTERN } from '../../common/category-slug.js';

export { CATEGORY_MESSAGE, CATEGORY_PATTERN };

export class CategoryParam {
  @ApiProperty({ example: 'hotel' })
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category: string;
}
