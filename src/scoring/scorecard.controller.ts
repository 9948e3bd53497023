import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';

import { Roles } from '../common/auth/access.decorator.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { AsOfQuery } from '../common/http/as-of.query.js';
import { IdParam } from '../common/http/id.param.js';
import { ProblemDto } from '../common/http/problem.dto.js';
import { ScorecardDto } from './dto/scorecard.dto.js';
import { ScorecardService } from './scorecard.service.js';

@ApiTags('scorecards')
@Controller('v1/suppliers')
export class ScorecardController {
  constructor(private readonly scorecards: ScorecardService) {}

  @Get(':id/scorecard')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({ summary: "A supplier's rolling windows and evaluation as of a date (default today), computed live" })
  @ApiOkResponse({ type: ScorecardDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiUnprocessableEntityResponse({ description: 'asOf before 2000-01-01 or after today', type: ProblemDto })
  async scorecard(@Param() { id }: IdParam, @Query() { asOf }: AsOfQuery, @CurrentPrincipal() principal: Principal): Promise<ScorecardDto> {
    const card = await this.scorecards.scorecard(id, asOf, principal);
    return {
      supplierId: card.supplierId,
      asOf: card.asOf,
      policyVersion: card.policyVersion,
      windows: card.windows,
      evaluation: {
        windowDays: card.evaluation.windowDays,
        rate: card.evaluation.rate,
        tier: card.evaluation.tier,
        rateMethod: card.rateMethod,
        n: card.evaluation.n,
        positives: card.evaluation.positives,
        minReviews: card.minReviews,
      },
    };
  }
}
