import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';

import { Roles } from '../../common/auth/access.decorator.js';
import { assertCategoryAccess } from '../../common/auth/category-access.js';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { ProblemDto } from '../../common/http/problem.dto.js';
import { CategoryParam } from '../../policies/dto/category.param.js';
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
      'The draft is merged onto the latest version (base CURRENT, the default) or onto the defaults (base DEFAULTS); each supplier listed ' +
      'carries its name, the rate under the draft and the reason its decision would carry.',
  })
  @ApiOkResponse({ type: SimulationDto })
  @ApiUnprocessableEntityResponse({ description: 'Inconsistent thresholds, or asOf before 2000-01-01 or after today', type: ProblemDto })
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
