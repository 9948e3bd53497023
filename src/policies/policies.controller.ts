import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Param, Patch, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { Roles } from '../common/auth/access.decorator.js';
import { assertCategoryAccess, categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, invalid, INVALID_CATEGORY, INVALID_CURSOR, thrownBy } from '../common/http/api-problems.decorator.js';
import { DEFAULT_LIMIT, PageQueryDto } from '../common/pagination/page.js';
import { type Policy, POLICY_FIELDS } from './domain/policy.js';
import { parseIfMatch, policyETag, preconditionRefusal, type VersionPrecondition } from './domain/version-precondition.js';
import { CategoryParam } from './dto/category.param.js';
import { PolicyDiffDto, PolicyDiffQuery, PolicyVersionParam } from './dto/policy-diff.dto.js';
import { PolicyInputDto } from './dto/policy-input.dto.js';
import { PolicyResponseDto, PolicyVersionsResponseDto } from './dto/policy-response.dto.js';
import { PoliciesService } from './policies.service.js';
import { PolicyException, PolicyExceptionCode } from './policy.exception.js';
import { policyDiffToResponse, policyToResponse } from './policy.mapper.js';

const OTHER_CATEGORY = categoryRefusal('tour');
/** What publishing an inconsistent draft answers, from the service's own check. */
export const INCONSISTENT_POLICY = thrownBy(() => new PoliciesService(null as never).resolveDraft({ penaltyThreshold: 0.92 }));
const NO_POLICY = new PolicyException(PolicyExceptionCode.POLICY_NOT_FOUND, 'No policy exists for category "hotel"');
const STALE = preconditionRefusal({ any: false, tags: ['"3"'] }, 4)!;
const VERSION_CHANGED = new PolicyException(PolicyExceptionCode.VERSION_CHANGED, STALE, [{ field: 'If-Match', message: STALE }]);
const INVALID_IF_MATCH = thrownBy(() => preconditionOf('3'));
const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description:
    'The version the edit was made on, quoted as ETag gave it ("7"; several separated by commas), or * for any: when the latest version is another, nothing is written and the answer is 412. Without it the edit applies to whatever is latest.',
});
const ETAG = { ETag: { description: 'The version answered, quoted ("7"): If-Match for the next edit', schema: { type: 'string' } } };
/** What PUT and PATCH share: If-Match, the new version with its ETag, and the refusals before the draft is read. */
const EDIT = applyDecorators(IF_MATCH, ApiCreatedResponse({ type: PolicyResponseDto, headers: ETAG }));
const EDIT_PROBLEMS = [
  INVALID_CATEGORY,
  invalid('rewardThreshold', 'must not be greater than 1'),
  INVALID_IF_MATCH,
  OTHER_CATEGORY,
  VERSION_CHANGED,
];

/** The If-Match precondition of an edit, or a 400 naming the header. */
function preconditionOf(header: string | undefined): VersionPrecondition | null {
  const parsed = parseIfMatch(header);
  if ('invalid' in parsed) {
    throw new PolicyException(PolicyExceptionCode.INVALID_PRECONDITION, `If-Match ${parsed.invalid}`, [
      { field: 'If-Match', message: parsed.invalid },
    ]);
  }
  return parsed.precondition;
}

/** The policy as answered, with its version as the entity tag. */
function answer(res: Response, policy: Policy): PolicyResponseDto {
  res.setHeader('ETag', policyETag(policy.version));
  return policyToResponse(policy);
}

@ApiTags('policies')
@Controller('v1/policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Put(':category')
  @HttpCode(201)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Publish a new policy version for a category (omitted fields take the defaults)',
    description:
      "Writes the next version of the category's policy; versions never change once written. Every omitted field takes its default (PRODUCT.md), so a PUT is a full replacement. Thresholds must keep 0 <= delist <= penalty <= admission <= reward <= 1, and admission + reinstateMargin at most 1 (422 naming each field otherwise). A category manager publishes only for the categories it manages. With If-Match (the ETag of the version the edit was made on), a PUT made on a version that is no longer the latest writes nothing and answers 412.",
  })
  @EDIT
  @ApiProblems(...EDIT_PROBLEMS, INCONSISTENT_POLICY)
  async publish(
    @Param() { category }: CategoryParam,
    @Body() body: PolicyInputDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PolicyResponseDto> {
    assertCategoryAccess(principal, category);
    return answer(res, await this.policies.publish(category, body, principal.sub, preconditionOf(ifMatch)));
  }

  @Patch(':category')
  @HttpCode(201)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Publish a new policy version: the latest one with the given fields changed',
    description:
      "Fields not given keep the latest version's values (PUT would reset them to the defaults); a given list such as " +
      'auditChecklist replaces the latest one whole. The merged policy is checked as a whole, like a PUT. Without If-Match, concurrent ' +
      "PATCHes each apply to the other's result; with it (the ETag of the version the edit was made on), one made on a version that " +
      'is no longer the latest writes nothing and answers 412.',
  })
  @ApiBody({ type: PolicyInputDto, description: 'The fields to change, at least one' })
  @EDIT
  @ApiProblems(
    ...EDIT_PROBLEMS,
    new PolicyException(
      PolicyExceptionCode.POLICY_NOT_FOUND,
      'No policy exists for category "hotel" to change; PUT /v1/policies/hotel publishes its first version',
    ),
    new PolicyException(
      PolicyExceptionCode.NOTHING_TO_CHANGE,
      `Nothing to change: give at least one of the policy's fields (${POLICY_FIELDS.join(', ')})`,
      POLICY_FIELDS.map((field) => ({ field, message: 'not given, nor any other field: a PATCH changes at least one' })),
    ),
    INCONSISTENT_POLICY,
  )
  async amend(
    @Param() { category }: CategoryParam,
    @Body() body: PolicyInputDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PolicyResponseDto> {
    assertCategoryAccess(principal, category);
    return answer(res, await this.policies.amend(category, body, principal.sub, preconditionOf(ifMatch)));
  }

  @Get(':category')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({
    summary: "The category's current policy",
    description:
      'The version that scoring runs, admission and audits of the category use now. 404 when the category has never had a policy.',
  })
  @ApiOkResponse({ type: PolicyResponseDto, headers: ETAG })
  @ApiProblems(INVALID_CATEGORY, OTHER_CATEGORY, NO_POLICY)
  async latest(
    @Param() { category }: CategoryParam,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PolicyResponseDto> {
    assertCategoryAccess(principal, category);
    return answer(res, await this.policies.getLatest(category));
  }

  @Get(':category/versions')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({
    summary: 'Every version of the policy, newest first',
    description: "Every published version of the category's policy, the latest first, paged with limit and cursor.",
  })
  @ApiOkResponse({ type: PolicyVersionsResponseDto })
  @ApiProblems(INVALID_CATEGORY, INVALID_CURSOR, OTHER_CATEGORY, NO_POLICY)
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
  @ApiProblems(
    INVALID_CATEGORY,
    invalid('against', 'must be an integer'),
    OTHER_CATEGORY,
    new PolicyException(PolicyExceptionCode.VERSION_NOT_FOUND, 'No version 7 of the "hotel" policy exists: its versions are 1 to 4', [
      { field: 'version', message: 'no version 7 exists' },
    ]),
  )
  async diff(
    @Param() { category, version }: PolicyVersionParam,
    @Query() { against }: PolicyDiffQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PolicyDiffDto> {
    assertCategoryAccess(principal, category);
    return policyDiffToResponse(await this.policies.diff(category, version, against));
  }
}
