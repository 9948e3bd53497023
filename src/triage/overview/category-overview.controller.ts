import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/auth/access.decorator.js';
import { categoryRefusal } from '../../common/auth/category-access.js';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { ApiProblems, AS_OF_OUT_OF_RANGE, INVALID_CATEGORY, NO_SUCH_DATE } from '../../common/http/api-problems.decorator.js';
import { AsOfQuery } from '../../common/http/as-of.query.js';
import { CategoryParam } from '../../policies/dto/category.param.js';
import { PolicyException, PolicyExceptionCode } from '../../policies/policy.exception.js';
import { CategoryOverviewService } from './category-overview.service.js';
import { CategoryOverviewDto } from './dto/category-overview.dto.js';

@ApiTags('triage')
@Controller('v1/categories')
export class CategoryOverviewController {
  constructor(private readonly overview: CategoryOverviewService) {}

  @Get(':category/overview')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({
    summary:
      'A category at a glance: tiers and statuses, decisions of 7 days, at risk, probations ending, complaints overdue, appeals waiting, audit coverage',
    description:
      "asOf dates the decisions counted: those made (createdAt) on the 7 UTC days ending with asOf (default today), as GET /v1/decisions?category=&from=&to= lists them. The other figures are the category's standing now: suppliers by status and the ACTIVE and PROBATION ones by stored tier; at risk: what the next nightly run (tomorrow) would sanction, the rule of GET /v1/suppliers?atRisk=true; probations ending within 14 days; complaints overdue now; OPEN appeals and those overdue; the audit coverage of GET /v1/audits/coverage against its 80% target. A category manager reads its own categories only.",
  })
  @ApiOkResponse({ type: CategoryOverviewDto })
  @ApiProblems(
    INVALID_CATEGORY,
    NO_SUCH_DATE,
    AS_OF_OUT_OF_RANGE,
    categoryRefusal('tour'),
    new PolicyException(PolicyExceptionCode.POLICY_NOT_FOUND, 'No policy exists for category "hotel"'),
  )
  async get(
    @Param() { category }: CategoryParam,
    @Query() query: AsOfQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CategoryOverviewDto> {
    return this.overview.overview(category, query.asOf, principal);
  }
}
