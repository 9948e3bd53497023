import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/auth/access.decorator.js';
import { categoryRefusal } from '../../common/auth/category-access.js';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { ApiProblems, INVALID_CATEGORY } from '../../common/http/api-problems.decorator.js';
import { CategoryParam } from '../../policies/dto/category.param.js';
import { PolicyException, PolicyExceptionCode } from '../../policies/policy.exception.js';
import { taggingStatusToResponse } from '../voice.mapper.js';
import { RetagResultDto, TaggingStatusDto } from './dto/tagging.dto.js';
import { TaggingService } from './tagging.service.js';

@ApiTags('voice')
@Controller('v1')
export class TaggingController {
  constructor(private readonly tagging: TaggingService) {}

  @Get('review-tagging')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({
    summary: 'How far behind the background tagger is',
    description:
      'Reviews are tagged in the background after ingestion (and after a retag): the reviews waiting, when the oldest was queued, and how long it has waited.',
  })
  @ApiOkResponse({ type: TaggingStatusDto })
  async status(): Promise<TaggingStatusDto> {
    return taggingStatusToResponse(await this.tagging.status());
  }

  @Post('policies/:category/retag')
  @HttpCode(202)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: "Retag the category's reviews under its latest taxonomy, in the background",
    description:
      "Queues every review of the category for the tagger; each is tagged with the category's latest policy when its turn comes (GET /v1/review-tagging shows the progress). Tags stored before stay until then. The exclusion rule never acts again on a review a person decided about.",
  })
  @ApiAcceptedResponse({ type: RetagResultDto })
  @ApiProblems(
    INVALID_CATEGORY,
    categoryRefusal('tour'),
    new PolicyException(PolicyExceptionCode.POLICY_NOT_FOUND, 'No policy exists for category "hotel"'),
  )
  async retag(@Param() { category }: CategoryParam, @CurrentPrincipal() principal: Principal): Promise<RetagResultDto> {
    return this.tagging.retag(category, principal);
  }
}
