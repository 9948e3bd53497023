import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, Validate } from 'class-validator';

import { AS_OF_DESCRIPTION, IsoDateConstraint } from '../../common/http/as-of.query.js';
import { EXAMPLE } from '../../common/http/examples.js';
import { CATEGORY_MESSAGE, CATEGORY_PATTERN } from '../../policies/dto/category.param.js';

export class StartRunDto {
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-11-25',
    description: `${AS_OF_DESCRIPTION} Not before the latest SUCCEEDED run that covered the same suppliers (409 naming its date).`,
  })
  @IsOptional()
  @Validate(IsoDateConstraint)
  asOf?: string;

  @ApiPropertyOptional({
    example: 'hotel',
    description:
      'Only this category (default: all); it must have a policy (422). Required for a category manager, and one it manages (403 otherwise).',
  })
  @IsOptional()
  @Matches(CATEGORY_PATTERN, { message: CATEGORY_MESSAGE })
  category?: string;
}

export class RunStartedDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.runId }) id: string;
  @ApiProperty({ enum: ['RUNNING', 'SUCCEEDED', 'FAILED'], example: 'RUNNING' }) status: string;
  @ApiProperty({ format: 'date', example: EXAMPLE.asOf }) asOf: string;
}

export class RunProgressDto {
  @ApiProperty({ example: 4000 }) processed: number;
  @ApiProperty({ example: 100000 }) total: number;
}

export class RunDecisionCountsDto {
  @ApiProperty({ example: 41 }) REWARD: number;
  @ApiProperty({ example: 17 }) WARNING: number;
  @ApiProperty({ example: 6 }) PENALTY: number;
  @ApiProperty({ example: 3 }) REINSTATE: number;
  @ApiProperty({ example: 1 }) DELIST: number;
}

export class RunCountsDto {
  @ApiProperty({ example: 4000 }) scored: number;
  @ApiProperty({ type: RunDecisionCountsDto }) decisions: RunDecisionCountsDto;
}

export class RunDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.runId }) id: string;
  @ApiProperty({ enum: ['RUNNING', 'SUCCEEDED', 'FAILED'], example: 'SUCCEEDED' }) status: string;
  @ApiProperty({ format: 'date', example: EXAMPLE.asOf }) asOf: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'null: every category' }) category: string | null;
  @ApiProperty({ enum: ['SCHEDULE', 'MANUAL'], example: 'SCHEDULE' }) trigger: string;
  @ApiProperty({ type: RunProgressDto }) progress: RunProgressDto;
  @ApiProperty({ type: RunCountsDto }) counts: RunCountsDto;
  @ApiProperty({ format: 'date-time', example: '2026-11-25T00:30:00.120Z' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-25T00:31:12.480Z' }) finishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why the run FAILED' }) error: string | null;
}

export class RunPageDto {
  @ApiProperty({ type: [RunDto] }) items: RunDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}
