import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/auth/access.decorator.js';
import { categoryRefusal } from '../../common/auth/category-access.js';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { ApiProblems, invalid, INVALID_CURSOR, INVALID_ID } from '../../common/http/api-problems.decorator.js';
import { EXAMPLE } from '../../common/http/examples.js';
import { IdParam } from '../../common/http/id.param.js';
import { ReviewException, ReviewExceptionCode } from '../../reviews/review.exception.js';
import { VoiceException, VoiceExceptionCode } from '../voice.exception.js';
import { proposalToResponse } from '../voice.mapper.js';
import { AcceptProposalDto, ListProposalsQuery, ProposalPageDto, ProposalResponseDto, RejectProposalDto } from './dto/proposal.dto.js';
import { ExclusionProposalsService } from './exclusion-proposals.service.js';

const NOT_FOUND = new VoiceException(VoiceExceptionCode.PROPOSAL_NOT_FOUND, `Exclusion proposal ${EXAMPLE.proposalId} does not exist`);
const DECIDED = new VoiceException(
  VoiceExceptionCode.PROPOSAL_DECIDED,
  `Exclusion proposal ${EXAMPLE.proposalId} was REJECTED on ${EXAMPLE.createdAt} by ${EXAMPLE.actor}`,
);
const REASON_TOO_SHORT = invalid('reason', 'must be longer than or equal to 3 characters');

@ApiTags('voice')
@Controller('v1/exclusion-proposals')
export class ExclusionProposalsController {
  constructor(private readonly proposals: ExclusionProposalsService) {}

  @Get()
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Exclusions the rule proposes, oldest first',
    description:
      'Under autoExclusion PROPOSE, a review rated below positiveMinRating whose negative mentions are all of non-controllable aspects is proposed for exclusion, once. A category manager lists its own categories only.',
  })
  @ApiOkResponse({ type: ProposalPageDto })
  @ApiProblems(
    invalid('status', 'must be one of the following values: PENDING, ACCEPTED, REJECTED'),
    INVALID_CURSOR,
    categoryRefusal('tour'),
  )
  async list(@Query() query: ListProposalsQuery, @CurrentPrincipal() principal: Principal): Promise<ProposalPageDto> {
    const page = await this.proposals.list(query, principal);
    return { items: page.items.map(proposalToResponse), nextCursor: page.nextCursor };
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Accept a proposal: the review is excluded from scoring',
    description:
      'Excludes the review as a manual exclusion would (logged with the rule and its aspects; DELETE /v1/reviews/{id}/exclusion reverts it). The reason defaults to naming the rule and the aspects.',
  })
  @ApiOkResponse({ type: ProposalResponseDto })
  @ApiProblems(
    INVALID_ID,
    REASON_TOO_SHORT,
    categoryRefusal('tour'),
    NOT_FOUND,
    DECIDED,
    new ReviewException(ReviewExceptionCode.ALREADY_EXCLUDED, `Review ${EXAMPLE.reviewId} is already excluded (About the weather)`),
  )
  async accept(
    @Param() { id }: IdParam,
    @Body() body: AcceptProposalDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProposalResponseDto> {
    return proposalToResponse(await this.proposals.accept(id, body?.reason, principal));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Reject a proposal, with a reason: the review keeps counting',
    description: 'The rule never proposes nor applies an exclusion of this review again, retags included.',
  })
  @ApiOkResponse({ type: ProposalResponseDto })
  @ApiProblems(INVALID_ID, REASON_TOO_SHORT, categoryRefusal('tour'), NOT_FOUND, DECIDED)
  async reject(
    @Param() { id }: IdParam,
    @Body() body: RejectProposalDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProposalResponseDto> {
    return proposalToResponse(await this.proposals.reject(id, body.reason, principal));
  }
}
