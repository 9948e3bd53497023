import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, AS_OF_OUT_OF_RANGE, INVALID_ID, NO_SUCH_DATE } from '../common/http/api-problems.decorator.js';
import { AsOfQuery } from '../common/http/as-of.query.js';
import { EXAMPLE } from '../common/http/examples.js';
import { IdParam } from '../common/http/id.param.js';
import { SupplierException, SupplierExceptionCode } from '../suppliers/supplier.exception.js';
import { ScorecardDto } from './dto/scorecard.dto.js';
import { scorecardToResponse } from './scorecard.mapper.js';
import { ScorecardService } from './scorecard.service.js';

@ApiTags('scorecards')
@Controller('v1/suppliers')
export class ScorecardController {
  constructor(private readonly scorecards: ScorecardService) {}

  @Get(':id/scorecard')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({
    summary: "A supplier's rolling windows and evaluation as of a date (default today), computed live",
    description:
      'Counts, raw rates and Wilson lower bounds over each policy window as of the date, and the evaluation the policy makes of them (the window that decides, the rate used, the tier), and the supplier-fault complaint rate over the policy complaint window (null below minOrders). Computed from the reviews, complaints and orders at the time of the request; writes nothing.',
  })
  @ApiOkResponse({ type: ScorecardDto })
  @ApiProblems(
    INVALID_ID,
    NO_SUCH_DATE,
    AS_OF_OUT_OF_RANGE,
    categoryRefusal('tour'),
    new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`),
  )
  async scorecard(@Param() { id }: IdParam, @Query() { asOf }: AsOfQuery, @CurrentPrincipal() principal: Principal): Promise<ScorecardDto> {
    return scorecardToResponse(await this.scorecards.scorecard(id, asOf, principal));
  }
}
