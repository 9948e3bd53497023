import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, invalid, INVALID_CURSOR, INVALID_ID } from '../common/http/api-problems.decorator.js';
import { EXAMPLE } from '../common/http/examples.js';
import { IdParam } from '../common/http/id.param.js';
import { LedgerException, LedgerExceptionCode } from '../ledger/ledger.exception.js';
import { ReviewException, ReviewExceptionCode } from '../reviews/review.exception.js';
import { AppealException, AppealExceptionCode } from './appeal.exception.js';
import { appealToResponse } from './appeal.mapper.js';
import { AppealsService } from './appeals.service.js';
import { unappealableReason, windowRefusal } from './domain/appeal.js';
import { AppealPageDto, AppealResponseDto, CreateAppealDto, ListAppealsQuery, RulingDto } from './dto/appeal.dto.js';

const NOT_FOUND = new AppealException(AppealExceptionCode.APPEAL_NOT_FOUND, `Appeal ${EXAMPLE.appealId} does not exist`);

@ApiTags('appeals')
@Controller('v1/appeals')
export class AppealsController {
  constructor(private readonly appeals: AppealsService) {}

  @Post()
  @Roles('supplier', 'admin', 'category_manager')
  @ApiOperation({
    summary: 'Appeal a decision, a review or a recovery charge',
    description:
      'A supplier appeals its own target; a manager may appeal on a supplier’s behalf. Within the category’s appealWindowDays of the decision’s createdAt, the review’s storage or the charge’s occurredAt; one appeal per target. A manager must rule by decideBy (appealDecisionHours).',
  })
  @ApiCreatedResponse({ type: AppealResponseDto })
  @ApiProblems(
    invalid('target.kind', 'must be one of the following values: DECISION, REVIEW, CHARGE'),
    new AppealException(AppealExceptionCode.TARGET_NOT_FOUND, `There is no decision ${EXAMPLE.decisionId} to appeal`),
    categoryRefusal('tour'),
    new AppealException(AppealExceptionCode.NOT_APPEALABLE, unappealableReason('REWARD')!, [
      { field: 'target.id', message: unappealableReason('REWARD')! },
    ]),
    new AppealException(
      AppealExceptionCode.WINDOW_CLOSED,
      windowRefusal(new Date('2026-11-01T10:00:00Z'), new Date(EXAMPLE.createdAt), 14)!,
    ),
    new AppealException(AppealExceptionCode.ALREADY_APPEALED, `DECISION ${EXAMPLE.decisionId} has been appealed already`),
  )
  async create(@Body() body: CreateAppealDto, @CurrentPrincipal() principal: Principal): Promise<AppealResponseDto> {
    return appealToResponse(await this.appeals.file(body, principal), new Date(), principal.role === 'supplier');
  }

  @Get()
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Appeals, oldest first',
    description: 'Filtered by the supplier’s category, the supplier, the status; overdue=true lists open appeals past decideBy.',
  })
  @ApiOkResponse({ type: AppealPageDto })
  @ApiProblems(invalid('status', 'must be one of the following values: OPEN, GRANTED, DENIED'), INVALID_CURSOR, categoryRefusal('tour'))
  async list(@Query() query: ListAppealsQuery, @CurrentPrincipal() principal: Principal): Promise<AppealPageDto> {
    const page = await this.appeals.list(query, principal);
    const now = new Date();
    return { items: page.items.map((r) => appealToResponse(r, now)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('admin', 'category_manager', 'supplier')
  @ApiOperation({ summary: 'One appeal', description: 'Managers of its category; the supplier for its own (another supplier’s is 404).' })
  @ApiOkResponse({ type: AppealResponseDto })
  @ApiProblems(INVALID_ID, categoryRefusal('tour'), NOT_FOUND)
  async get(@Param() { id }: IdParam, @CurrentPrincipal() principal: Principal): Promise<AppealResponseDto> {
    return appealToResponse(await this.appeals.get(id, principal), new Date(), principal.role === 'supplier');
  }

  @Post(':id/ruling')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Grant or deny an appeal, with a reason',
    description:
      'Once. A granted review appeal excludes the review; a granted decision appeal takes the supplier back to the status the decision took it from (decision APPEAL_GRANTED, event supplier.appeal_granted), or is 409 when the supplier has moved on since. A denied appeal changes nothing.',
  })
  @ApiOkResponse({ type: AppealResponseDto })
  @ApiProblems(
    INVALID_ID,
    invalid('outcome', 'must be one of the following values: GRANTED, DENIED'),
    categoryRefusal('tour'),
    NOT_FOUND,
    new AppealException(AppealExceptionCode.ALREADY_RULED, `Appeal ${EXAMPLE.appealId} was DENIED on ${EXAMPLE.createdAt}`),
    new LedgerException(LedgerExceptionCode.CHARGE_SETTLED, `Charge ${EXAMPLE.decisionId} is settled in full; nothing is left to waive`),
    new ReviewException(ReviewExceptionCode.ALREADY_EXCLUDED, `Review ${EXAMPLE.reviewId} is already excluded (About the weather)`),
    new AppealException(
      AppealExceptionCode.SUPERSEDED,
      'The DELIST decision no longer stands: the supplier is now ACTIVE; deny the appeal, or change the status by hand',
    ),
  )
  async rule(@Param() { id }: IdParam, @Body() body: RulingDto, @CurrentPrincipal() principal: Principal): Promise<AppealResponseDto> {
    return appealToResponse(await this.appeals.rule(id, body, principal), new Date());
  }
}
