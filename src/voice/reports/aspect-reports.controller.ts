import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/auth/access.decorator.js';
import { categoryRefusal } from '../../common/auth/category-access.js';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import {
  ApiProblems,
  AS_OF_OUT_OF_RANGE,
  invalid,
  INVALID_CATEGORY,
  INVALID_ID,
  NO_SUCH_DATE,
  type ProblemSample,
} from '../../common/http/api-problems.decorator.js';
import { EXAMPLE } from '../../common/http/examples.js';
import { IdParam } from '../../common/http/id.param.js';
import { CategoryParam } from '../../policies/dto/category.param.js';
import { PolicyException, PolicyExceptionCode } from '../../policies/policy.exception.js';
import { SupplierException, SupplierExceptionCode } from '../../suppliers/supplier.exception.js';
import { aspectsReportToResponse, driversReportToResponse } from './aspect-reports.mapper.js';
import { AspectReportsService } from './aspect-reports.service.js';
import { CategoryDriversDto, MAX_REPORT_DAYS, ReportWindowQuery, SupplierAspectsDto } from './dto/aspect-reports.dto.js';

/** The refusals of a report's window (`asOf`, `days`). */
export const REPORT_WINDOW_PROBLEMS: readonly ProblemSample[] = [
  NO_SUCH_DATE,
  AS_OF_OUT_OF_RANGE,
  invalid('days', `must be from 1 to ${MAX_REPORT_DAYS}`),
];

const UNKNOWN_SUPPLIER = new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`);

const WINDOW =
  'The window is `[asOf − days, asOf)` by the UTC day of the review (asOf default today, days default the policy’s first evaluation window); read from the aspect roll-ups the background tagger keeps, so a review counts once it is tagged.';

@ApiTags('voice')
@Controller('v1')
export class AspectReportsController {
  constructor(private readonly reports: AspectReportsService) {}

  @Get('suppliers/:id/aspects')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({
    summary: "What a supplier's reviews are about: each aspect's mentions and negative share, against the previous window",
    description: `Each aspect of the category's latest taxonomy with the reviews that mention it, how many of those negatively, and the negative share over the window and over the previous window of the same length. ${WINDOW}`,
  })
  @ApiOkResponse({ type: SupplierAspectsDto })
  @ApiProblems(INVALID_ID, REPORT_WINDOW_PROBLEMS, categoryRefusal('tour'), UNKNOWN_SUPPLIER)
  async supplierAspects(
    @Param() { id }: IdParam,
    @Query() window: ReportWindowQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SupplierAspectsDto> {
    return aspectsReportToResponse(await this.reports.supplierAspects(id, window, principal));
  }

  @Get('categories/:category/drivers')
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: "What drives a category's negative reviews: each aspect's share of them, and the suppliers contributing most",
    description: `negativeReviews: the category's reviews rated below the policy's positiveMinRating in the window (excluded reviews left out). For each aspect, controllable or not: its NEGATIVE tags in those reviews, their share of negativeReviews, and the 5 suppliers with the most. ${WINDOW}`,
  })
  @ApiOkResponse({ type: CategoryDriversDto })
  @ApiProblems(
    INVALID_CATEGORY,
    REPORT_WINDOW_PROBLEMS,
    categoryRefusal('tour'),
    new PolicyException(PolicyExceptionCode.POLICY_NOT_FOUND, 'No policy exists for category "hotel"'),
  )
  async categoryDrivers(
    @Param() { category }: CategoryParam,
    @Query() window: ReportWindowQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CategoryDriversDto> {
    return driversReportToResponse(await this.reports.categoryDrivers(category, window, principal));
  }
}
