import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/auth/access.decorator.js';
import { categoryRefusal } from '../../common/auth/category-access.js';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import {
  ApiProblems,
  AS_OF_OUT_OF_RANGE,
  invalid,
  INVALID_CURSOR,
  INVALID_ID,
  NO_SUCH_DATE,
} from '../../common/http/api-problems.decorator.js';
import { EXAMPLE } from '../../common/http/examples.js';
import { IdParam } from '../../common/http/id.param.js';
import { DEFAULT_LIMIT, PageQueryDto } from '../../common/pagination/page.js';
import { backdatedRunRefusal } from '../domain/run-dates.js';
import { RunDto, RunPageDto, RunStartedDto, StartRunDto } from './scoring-run.dto.js';
import { ScoringRunException, ScoringRunExceptionCode } from './scoring-run.exception.js';
import { runToResponse } from './scoring-run.mapper.js';
import { ScoringRunsService } from './scoring-runs.service.js';

const BACKDATED = backdatedRunRefusal('2026-11-20', 'hotel', { id: EXAMPLE.runId, asOf: EXAMPLE.asOf, category: null })!;

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
      "Scores every supplier (or one category's) as of the date from rolling review windows and applies rewards, warnings, penalties, reinstatements and delistings, at most one decision per supplier; re-running a date makes no second decision. Answers 202 at once; poll GET /v1/scoring-runs/{id}. One run at a time (409 while another runs)." +
      ' ' +
      'A category manager runs one of its own categories (`category` required). The date may not be after today, ' +
      'nor before the latest SUCCEEDED run that covered the same suppliers (a run of the category or of all; ' +
      'for a run of all, any run): dates move forward.',
  })
  @ApiAcceptedResponse({ type: RunStartedDto })
  @ApiProblems(
    NO_SUCH_DATE,
    new ScoringRunException(
      ScoringRunExceptionCode.CATEGORY_REQUIRED,
      'category is required: a category manager runs the categories it manages, one at a time',
      [{ field: 'category', message: 'is required for a category manager' }],
    ),
    categoryRefusal('tour'),
    new ScoringRunException(
      ScoringRunExceptionCode.RUN_IN_PROGRESS,
      `A scoring run is already running (${EXAMPLE.runId}); try again when it has finished`,
    ),
    new ScoringRunException(ScoringRunExceptionCode.RUN_BEFORE_SUCCEEDED_RUN, BACKDATED, [
      { field: 'asOf', message: 'must not be before 2026-11-25, the date of the latest succeeded run covering these suppliers' },
    ]),
    AS_OF_OUT_OF_RANGE,
    new ScoringRunException(
      ScoringRunExceptionCode.CATEGORY_WITHOUT_POLICY,
      'Category "cruise" has no policy: publish one (PUT /v1/policies/cruise) before scoring it',
      [{ field: 'category', message: 'has no policy' }],
    ),
  )
  async start(@Body() body: StartRunDto, @CurrentPrincipal() principal: Principal): Promise<RunStartedDto> {
    const { run } = await this.runs.start({ asOf: body.asOf, category: body.category, trigger: 'MANUAL', actor: principal.sub, principal });
    return { id: run.id, status: run.status, asOf: run.asOf };
  }

  @Get(':id')
  @Roles('admin', 'integration', 'category_manager')
  @ApiOperation({
    summary: 'A run, with its progress while it runs and its counts',
    description:
      "A scoring run's state (RUNNING, SUCCEEDED, FAILED), progress while it runs, counts of suppliers scored and decisions made, and the error of a failed run.",
  })
  @ApiOkResponse({ type: RunDto })
  @ApiProblems(INVALID_ID, new ScoringRunException(ScoringRunExceptionCode.RUN_NOT_FOUND, `Scoring run ${EXAMPLE.runId} does not exist`))
  async get(@Param() { id }: IdParam): Promise<RunDto> {
    return runToResponse(await this.runs.get(id));
  }

  @Get()
  @Roles('admin', 'integration', 'category_manager')
  @ApiOperation({
    summary: 'Runs, newest first',
    description: 'Scoring runs, scheduled and manual, the newest first, with their state and counts.',
  })
  @ApiOkResponse({ type: RunPageDto })
  @ApiProblems(invalid('limit', 'must not be greater than 500'), INVALID_CURSOR)
  async list(@Query() page: PageQueryDto): Promise<RunPageDto> {
    const result = await this.runs.list(page.limit ?? DEFAULT_LIMIT, page.cursor);
    return { items: result.items.map(runToResponse), nextCursor: result.nextCursor };
  }
}
