import { Body, Controller, Get, HttpCode, Param, Patch, Put, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

import { Roles } from '../common/auth/access.decorator.js';
import { assertCategoryAccess } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ProblemDto } from '../common/http/problem.dto.js';
import { DEFAULT_LIMIT, PageQueryDto } from '../common/pagination/page.js';
import { CategoryParam } from './dto/category.param.js';
import { PolicyDiffDto, PolicyDiffQuery, PolicyVersionParam } from './dto/policy-diff.dto.js';
import { PolicyInputDto } from './dto/policy-input.dto.js';
import { PolicyResponseDto, PolicyVersionsResponseDto } from './dto/policy-response.dto.js';
import { PoliciesService } from './policies.service.js';
import { policyDiffToResponse, policyToResponse } from './policy.mapper.js';

@ApiTags('policies')
@Controller('v1/policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Put(':category')
  @HttpCode(201)
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'Publish a new policy version for a category (omitted fields take the defaults)' })
  @ApiCreatedResponse({ type: PolicyResponseDto })
  @ApiUnprocessableEntityResponse({ description: 'Thresholds out of order or other inconsistency', type: ProblemDto })
  async publish(
    @Param() { category }: CategoryParam,
    @Body() body: PolicyInputDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PolicyResponseDto> {
    assertCategoryAccess(principal, category);
    return policyToResponse(await this.policies.publish(category, body, principal.sub));
  }

  @Patch(':category')
  @HttpCode(201)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Publish a new policy version: the latest one with the given fields changed',
    description:
      "Fields not given keep the latest version's values (PUT would reset them to the defaults); a given list such as " +
      'auditChecklist replaces the latest one whole. The merged policy is checked as a whole, like a PUT.',
  })
  @ApiBody({ type: PolicyInputDto, description: 'The fields to change, at least one' })
  @ApiCreatedResponse({ type: PolicyResponseDto })
  @ApiNotFoundResponse({ description: 'The category has no policy yet: PUT publishes its first version', type: ProblemDto })
  @ApiUnprocessableEntityResponse({
    description: 'Nothing to change (no field given), or the merged policy is inconsistent (errors name the fields)',
    type: ProblemDto,
  })
  async amend(
    @Param() { category }: CategoryParam,
    @Body() body: PolicyInputDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PolicyResponseDto> {
    assertCategoryAccess(principal, category);
    return policyToResponse(await this.policies.amend(category, body, principal.sub));
  }

  @Get(':category')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({ summary: "The category's current policy" })
  @ApiOkResponse({ type: PolicyResponseDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async latest(@Param() { category }: CategoryParam, @CurrentPrincipal() principal: Principal): Promise<PolicyResponseDto> {
    assertCategoryAccess(principal, category);
    return policyToResponse(await this.policies.getLatest(category));
  }

  @Get(':category/versions')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({ summary: 'Every version of the policy, newest first' })
  @ApiOkResponse({ type: PolicyVersionsResponseDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async versions(
    @Param() { category }: CategoryParam,
    @Query() page: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PolicyVersionsResponseDto> {
    assertCategoryAccess(principal, category);
    const result = await this.policies.listVersions(category, page.limit ?? DEFAULT_LIMIT, page.cursor);
    return { items: result.items.map(policyToResponse), nextCursor: result.nextCursor };
  }

  @Get(':category/versions/:version/diff')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({
    summary: 'Two versions of the policy compared field by field',
    description:
      'Each change goes from its value in `against` (`from`) to its value in `{version}` (`to`); `against` defaults to the previous version.',
  })
  @ApiOkResponse({ type: PolicyDiffDto })
  @ApiNotFoundResponse({ description: 'No such version of the category (errors name `version` or `against`)', type: ProblemDto })
  async diff(
    @Param() { category, version }: PolicyVersionParam,
    @Query() { against }: PolicyDiffQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PolicyDiffDto> {
    assertCategoryAccess(principal, category);
    return policyDiffToResponse(await this.policies.diff(category, version, against));
  }
}
