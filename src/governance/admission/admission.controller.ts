import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

import { Roles } from '../../common/auth/access.decorator.js';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { IdParam } from '../../common/http/id.param.js';
import { ProblemDto } from '../../common/http/problem.dto.js';
import { AdmissionService } from './admission.service.js';
import type { AdmissionApplicationEntity } from './admission-application.entity.js';
import {
  ApplicationPageDto,
  ApplicationResponseDto,
  ApplyDto,
  ListApplicationsQuery,
  OverrideDto,
  OverrideResponseDto,
} from './dto/admission.dto.js';

function toResponse(a: AdmissionApplicationEntity): ApplicationResponseDto {
  const e = a.evaluation;
  return {
    id: a.id,
    supplierId: a.supplierId,
    outcome: a.outcome,
    effectiveOutcome: a.overrideOutcome ?? a.outcome,
    evaluation: {
      windowDays: e.windowDays,
      n: e.n,
      positives: e.positives,
      rawRate: e.rawRate,
      wilsonLower: e.wilsonLower,
      rate: e.rate,
      tier: e.tier,
    },
    reason: a.reason,
    nextStep: a.nextStep,
    asOf: a.asOf,
    policyVersion: a.policyVersion,
    createdBy: a.createdBy,
    override:
      a.overrideOutcome === null
        ? null
        : { outcome: a.overrideOutcome, reason: a.overrideReason!, by: a.overriddenBy!, at: a.overriddenAt!.toISOString() },
    createdAt: a.createdAt.toISOString(),
  };
}

@ApiTags('admission')
@Controller('v1/admission-applications')
export class AdmissionController {
  constructor(private readonly admission: AdmissionService) {}

  @Post()
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'Apply for admission: ADMITTED, PENDING_EVIDENCE or REJECTED from the evaluation as of a date' })
  @ApiCreatedResponse({ type: ApplicationResponseDto })
  @ApiConflictResponse({
    description: 'A cooldown runs (detail names the date it ends), or the supplier is not an applicant',
    type: ProblemDto,
  })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiUnprocessableEntityResponse({
    description: 'asOf before 2000-01-01 or after today: an application is not dated ahead',
    type: ProblemDto,
  })
  async apply(@Body() body: ApplyDto, @CurrentPrincipal() principal: Principal): Promise<ApplicationResponseDto> {
    return toResponse(await this.admission.apply(body.supplierId, body.asOf, principal));
  }

  @Post(':id/override')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary:
      "Override the latest application's outcome with a mandatory reason (an OVERRIDE decision), an admission optionally held until a date; answered with warnings of what the next run would do",
  })
  @ApiOkResponse({ type: OverrideResponseDto })
  @ApiConflictResponse({ type: ProblemDto })
  @ApiUnprocessableEntityResponse({
    description: 'holdUntil not after today, more than 180 days ahead, or on an override to REJECTED',
    type: ProblemDto,
  })
  async override(
    @Param() { id }: IdParam,
    @Body() body: OverrideDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OverrideResponseDto> {
    const { application, warnings } = await this.admission.override(id, body.outcome, body.reason, principal, body.holdUntil);
    return { ...toResponse(application), warnings };
  }

  @Get()
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({ summary: 'Applications, newest first, optionally of one supplier' })
  @ApiOkResponse({ type: ApplicationPageDto })
  async list(@Query() query: ListApplicationsQuery, @CurrentPrincipal() principal: Principal): Promise<ApplicationPageDto> {
    const page = await this.admission.list(query, principal);
    return { items: page.items.map(toResponse), nextCursor: page.nextCursor };
  }
}
