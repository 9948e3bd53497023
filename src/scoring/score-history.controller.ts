import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ValidationArguments } from 'class-validator';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, invalid, INVALID_ID, type ProblemSample, thrownBy } from '../common/http/api-problems.decorator.js';
import { IsoDateConstraint } from '../common/http/as-of.query.js';
import { EXAMPLE } from '../common/http/examples.js';
import { IdParam } from '../common/http/id.param.js';
import { resolveDateRange } from '../common/time/date-range.js';
import { SupplierException, SupplierExceptionCode } from '../suppliers/supplier.exception.js';
import { HISTORY_DEFAULT_DAYS, HISTORY_MAX_DAYS, HistoryDto, HistoryQuery } from './dto/history.dto.js';
import { ScoreHistoryService } from './score-history.service.js';

const LIMITS = { defaultDays: HISTORY_DEFAULT_DAYS, maxDays: HISTORY_MAX_DAYS };
const AT = new Date(EXAMPLE.createdAt);

/** The refusals of a history's range, produced by the code that raises them. */
export const HISTORY_RANGE_PROBLEMS: readonly ProblemSample[] = [
  invalid('from', new IsoDateConstraint().defaultMessage({ value: '2026-02-30' } as ValidationArguments)),
  thrownBy(() => resolveDateRange('2026-11-20', '2026-11-01', LIMITS, AT)),
  thrownBy(() => resolveDateRange('2023-01-01', '2026-11-01', LIMITS, AT)),
  thrownBy(() => resolveDateRange(undefined, '2026-12-24', LIMITS, AT)),
];

@ApiTags('scorecards')
@Controller('v1/suppliers')
export class ScoreHistoryController {
  constructor(private readonly history: ScoreHistoryService) {}

  @Get(':id/history')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({
    summary: "A supplier's score history: one point per scoring run",
    description:
      `What each scoring run found (the deciding window, n, positives, rate, tier) and the status it left the supplier in, oldest first, for runs dated from \`from\` to \`to\` (inclusive; default the last ${HISTORY_DEFAULT_DAYS} days, at most ${HISTORY_MAX_DAYS}). ` +
      'Read from the runs’ own snapshots, never recomputed: a review excluded later does not rewrite the past.',
  })
  @ApiOkResponse({ type: HistoryDto })
  @ApiProblems(
    INVALID_ID,
    HISTORY_RANGE_PROBLEMS,
    categoryRefusal('tour'),
    new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`),
  )
  async historyOf(
    @Param() { id }: IdParam,
    @Query() { from, to }: HistoryQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HistoryDto> {
    return this.history.history(id, from, to, principal);
  }
}
