import { Controller, Get, Query, Req, type StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { CommonException, CommonExceptionCode } from '../common/errors/common.exception.js';
import { ApiProblems, invalid, INVALID_CURSOR } from '../common/http/api-problems.decorator.js';
import { ApiJsonOrCsvResponse, CSV_PAGE_SIZE, csvFile, keysetPages, wantsCsv } from '../common/http/csv.js';
import { EXAMPLE } from '../common/http/examples.js';
import { DEFAULT_LIMIT } from '../common/pagination/page.js';
import { SupplierException, SupplierExceptionCode } from '../suppliers/supplier.exception.js';
import { DECISION_CSV, feedDecisionToResponse } from './decision.mapper.js';
import { DecisionFeedService } from './decision-feed.service.js';
import { DecisionFeedPageDto, DecisionFeedQuery } from './dto/decision-feed.dto.js';

const CSV_EXAMPLE =
  'id,supplierId,supplierName,kind,fromStatus,toStatus,asOf,policyVersion,reason,nextStep,actor,createdAt,evidence\r\n' +
  `${EXAMPLE.decisionId},${EXAMPLE.supplierId},Hotel Russo Palace,PENALTY,ACTIVE,PROBATION,2026-11-25,3,"Rate 81.3% over the last 90 days (96/118 positive) is below the penalty bar of 85.0%: on probation until 2026-12-25.",,job:scoring-run,2026-11-25T00:31:05.000Z,"{""windowDays"":90,""n"":118}"\r\n`;

@ApiTags('decisions')
@Controller('v1/decisions')
export class DecisionFeedController {
  constructor(private readonly feed: DecisionFeedService) {}

  @Get()
  @Roles('admin', 'category_manager')
  @ApiOperation({
    operationId: 'Decisions_feed',
    summary: 'Every supplier’s decisions, newest first: what happened last night',
    description:
      'The decision log across suppliers, newest first (by createdAt, then the order written), each decision as a supplier’s list shows it plus the supplier’s name; filtered by category, kind, supplier and an inclusive period of createdAt dates (UTC). A category manager limited to some categories sees only theirs. Accept: text/csv exports the whole list.',
  })
  @ApiJsonOrCsvResponse(DecisionFeedPageDto, CSV_EXAMPLE)
  @ApiProblems(
    invalid('kind', 'must be one of the following values: REWARD, WARNING, PENALTY, …'),
    invalid('from', 'must be a date written YYYY-MM-DD'),
    INVALID_CURSOR,
    categoryRefusal('tour'),
    new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`),
    new CommonException(CommonExceptionCode.DATE_OUT_OF_RANGE, 'to 2026-11-20 is before from 2026-11-24', [
      { field: 'to', message: 'must not be before from (2026-11-24)' },
    ]),
  )
  async list(
    @Query() query: DecisionFeedQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<DecisionFeedPageDto | StreamableFile> {
    const search = await this.feed.prepare(query, principal);
    if (wantsCsv(request)) {
      const pages = keysetPages(async (cursor) => {
        const page = await this.feed.page(search, CSV_PAGE_SIZE, cursor ?? query.cursor);
        return { items: page.items.map(feedDecisionToResponse), nextCursor: page.nextCursor };
      });
      return csvFile('decisions', DECISION_CSV, pages);
    }
    const page = await this.feed.page(search, query.limit ?? DEFAULT_LIMIT, query.cursor);
    return { items: page.items.map(feedDecisionToResponse), nextCursor: page.nextCursor };
  }
}
