import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

import { CATEGORY_MESSAGE, CATEGORY_PATTERN } from '../../common/category-slug.js';
import { POLICY_FIELDS } from '../domain/policy.js';

/** A version number as a path or query parameter: plain decimal, from 1 (`0x2`, `+2`, `2.0` are refused). */
const VERSION_PATTERN = /^[1-9][0-9]{0,8}$/;
const VERSION_MESSAGE = 'must be a version number: a whole number from 1, in plain decimal';

export class PolicyVersionParam {
  @ApiProperty({ example: 'hotel' })
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category: string;

  @ApiProperty({ example: '3', pattern: VERSION_PATTERN.source, description: 'The version whose changes are listed (the `to` side)' })
  @Matches(VERSION_PATTERN, { message: VERSION_MESSAGE })
  version: string;
}

export class PolicyDiffQuery {
  @ApiPropertyOptional({
    example: '1',
    pattern: VERSION_PATTERN.source,
    description:
      'The version compared with (the `from` side); any version of the category, older or newer. Default: the previous version; ' +
      "version 1 is then compared with PRODUCT.md's defaults (`from` null)",
  })
  @IsOptional()
  @Matches(VERSION_PATTERN, { message: VERSION_MESSAGE })
  against?: string;
}

const SETTING_VALUE = {
  oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'array', items: {} }],
};

export class PolicyChangeDto {
  @ApiProperty({ enum: POLICY_FIELDS, example: 'minReviews', description: 'The setting that differs' })
  field: string;

  @ApiProperty({ ...SETTING_VALUE, example: 20, description: 'Its value in the `from` version (lists such as auditChecklist whole)' })
  from: unknown;

  @ApiProperty({ ...SETTING_VALUE, example: 30, description: 'Its value in the `to` version' })
  to: unknown;
}

export class PolicyDiffDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1,
    description: "The version compared with (`against`); null when version 1 is compared with PRODUCT.md's defaults",
  })
  from: number | null;

  @ApiProperty({ example: 2, description: 'The version whose changes are listed' })
  to: number;

  @ApiProperty({
    type: [PolicyChangeDto],
    description: "Every setting whose value differs, in the order of the policy's fields; empty when the two versions agree",
  })
  changes: PolicyChangeDto[];
}
