import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches, Validate } from 'class-validator';

import { IsoDateConstraint } from '../../common/http/as-of.query.js';
import { EXAMPLE } from '../../common/http/examples.js';
import { PageQueryDto } from '../../common/pagination/page.js';
import { CATEGORY_MESSAGE, CATEGORY_PATTERN } from '../../policies/dto/category.param.js';
import { DECISION_KINDS, type DecisionKind } from '../domain/decision.js';
import { DecisionResponseDto } from './decision-response.dto.js';

const PERIOD =
  'Inclusive UTC date of createdAt (when the decision was made), YYYY-MM-DD, from 2000-01-01 to today; to ≥ from (422 naming the field otherwise)';

export class DecisionFeedQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'hotel', description: "The supplier's category" })
  @IsOptional()
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category?: string;

  @ApiPropertyOptional({ enum: DECISION_KINDS, example: 'PENALTY' })
  @IsOptional()
  @IsIn(DECISION_KINDS)
  kind?: DecisionKind;

  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE.supplierId })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  supplierId?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-24', description: PERIOD })
  @IsOptional()
  @Validate(IsoDateConstraint)
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-25', description: PERIOD })
  @IsOptional()
  @Validate(IsoDateConstraint)
  to?: string;
}

/** A decision of the feed: the decision as a supplier's list shows it, and the supplier's name. */
export class FeedDecisionDto extends DecisionResponseDto {
  @ApiProperty({ example: 'Hotel Russo Palace' }) supplierName: string;
}

export class DecisionFeedPageDto {
  @ApiProperty({ type: [FeedDecisionDto] }) items: FeedDecisionDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}
