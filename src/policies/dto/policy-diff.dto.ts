import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

import { CATEGORY_MESSAGE, CATEGORY_PATTERN } from '../../common/category-slug.js';
import { QueryInteger } from '../../common/http/validators.js';
import { POLICY_FIELDS } from '../domain/policy.js';

/** Versions are PostgreSQL integers; a number beyond names no version and is refused as such. */
const MAX_VERSION = 2_147_483_647;

export class PolicyVersionParam {
  @ApiProperty({ example: 'hotel' })
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_VERSION,
    example: 3,
    description: 'The version whose changes are listed (the `to` side), in plain decimal',
  })
  @QueryInteger(1, MAX_VERSION)
  version: number;
}

export class PolicyDiffQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_VERSION,
    example: 1,
    description:
      'The version compared with (the `from` side); any version of the category, older or newer. Default: the previous version; ' +
      "version 1 is then compared with PRODUCT.md's defaults (`from` null)",
  })
  @IsOptional()
  @QueryInteger(1, MAX_VERSION)
  against?: number;
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
