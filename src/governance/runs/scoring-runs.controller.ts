import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

import { Roles } from '../../common/auth/access.decorator.js';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { IdParam } from '../../common/http/id.param.js';
import { ProblemDto } from '../../common/http/problem.dto.js';
import { DEFAULT_LIMIT, PageQueryDto } from '../../common/pagination/page.js';
import { RunDto, RunPageDto, RunStartedDto, StartRunDto } from './scoring-run.dto.js';
import { runToResponse } from './scoring-run.mapper.js';
import { ScoringRunsService } from './scoring-runs.service.js';

@ApiTags('scoring-runs')
@Controller('v1/scoring-runs')
export class ScoringRunsController {
  constructor(private readonly runs: ScoringRunsService) {}

  @Post()
  @HttpCode(202)
  @Roles('admin', 'integration', 'category_manager')
  @ApiOperation({
    summary: 'Start a scoring run as of a date (default today) for a category or all; poll GET for progress',
    description:
      'A category manager runs one of its own categories (`category` required). The date may not be after today, ' +
      'nor before the latest SUCCEEDED run that covered the same suppliers (a run of the category or of all; ' +
      'for a run of all, any run): dates move forward.',
  })
  @ApiAcceptedResponse({ type: RunStartedDto })
  @ApiBadRequestResponse({ description: 'No such date, or a category manager gave no category', type: ProblemDto })
  @ApiConflictResponse({
    description: 'Another run is in progress, or a run that covered the same suppliers succeeded as of a later date (detail names it)',
    type: ProblemDto,
  })
  @ApiUnprocessableEntityResponse({
    description: 'A date before 2000-01-01 or after today, or a category without a policy',
    type: ProblemDto,
  })
  async start(@Body() body: StartRunDto, @CurrentPrincipal() principal: Principal): Promise<RunStartedDto> {
    const { run } = await this.runs.start({ asOf: body.asOf, category: body.category, trigger: 'MANUAL', actor: principal.sub, principal });
    return { id: run.id, status: run.status, asOf: run.asOf };
  }

  @Get(':id')
  @Roles('admin', 'integration', 'category_manager')
  @ApiOperation({ summary: 'A run, with its progress while it runs and its counts' })
  @ApiOkResponse({ type: RunDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async get(@Param() { id }: IdParam): Promise<RunDto> {
    return runToResponse(await this.runs.get(id));
  }

  @Get()
  @Roles('admin', 'integration', 'category_manager')
  @ApiOperation({ summary: 'Runs, newest first' })
  @ApiOkResponse({ type: RunPageDto })
  async list(@Query() page: PageQueryDto): Promise<RunPageDto> {
    const result = await this.runs.list(page.limit ?? DEFAULT_LIMIT, page.cursor);
    return { items: result.items.map(runToResponse), nextCursor: result.nextCursor };
  }
}
