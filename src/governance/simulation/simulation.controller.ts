import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/auth/access.decorator.js';
import { assertCategoryAccess, categoryRefusal } from '../../common/auth/category-access.js';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { ApiProblems, AS_OF_OUT_OF_RANGE, invalid, INVALID_CATEGORY, NO_SUCH_DATE } from '../../common/http/api-problems.decorator.js';
import { CategoryParam } from '../../policies/dto/category.param.js';
import { INCONSISTENT_POLICY } from '../../policies/policies.controller.js';
import { SimulateDto, SimulationDto } from './simulate.dto.js';
import { SimulationService } from './simulation.service.js';

@ApiTags('policies')
@Controller('v1/policies')
export class SimulationController {
  constructor(private readonly simulation: SimulationService) {}

  @Post(':category/simulate')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'What-if: what a draft policy would do to the category now, writing nothing',
    description:
      "Evaluates every supplier of the category under a draft policy as of a date and reports the tiers and decisions a run would make, against each supplier's current tier. Runs in a read-only transaction: nothing is written. changesOnly lists only the suppliers the draft would change." +
      ' ' +
      'The draft is merged onto the latest version (base CURRENT, the default) or onto the defaults (base DEFAULTS); each supplier listed ' +
      'carries its name, the rate under the draft and the reason its decision would carry.',
  })
  @ApiOkResponse({ type: SimulationDto })
  @ApiProblems(
    INVALID_CATEGORY,
    invalid('policy.rewardThreshold', 'must not be greater than 1'),
    NO_SUCH_DATE,
    AS_OF_OUT_OF_RANGE,
    categoryRefusal('tour'),
    INCONSISTENT_POLICY,
  )
  async simulate(
    @Param() { category }: CategoryParam,
    @Body() body: SimulateDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SimulationDto> {
    assertCategoryAccess(principal, category);
    return this.simulation.simulate({
      category,
      draft: body.policy,
      base: body.base ?? 'CURRENT',
      asOf: body.asOf,
      changesOnly: body.changesOnly ?? false,
    });
  }
}
