import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/auth/access.decorator.js';
import { categoryRefusal } from '../../common/auth/category-access.js';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import {
  ApiProblems,
  AS_OF_OUT_OF_RANGE,
  invalid,
  INVALID_CURSOR,
  INVALID_ID,
  NO_SUCH_DATE,
  thrownBy,
} from '../../common/http/api-problems.decorator.js';
import { EXAMPLE } from '../../common/http/examples.js';
import { IdParam } from '../../common/http/id.param.js';
import { transitionRefusal } from '../../suppliers/domain/supplier-lifecycle.js';
import { SupplierException, SupplierExceptionCode } from '../../suppliers/supplier.exception.js';
import { assertHoldAllowed } from '../status/change-supplier-status.usecase.js';
import { HOLD_TOO_LONG } from '../status/supplier-status.controller.js';
import { AdmissionException, AdmissionExceptionCode } from './admission.exception.js';
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

const OTHER_CATEGORY = categoryRefusal('tour');

@ApiTags('admission')
@Controller('v1/admission-applications')
export class AdmissionController {
  constructor(private readonly admission: AdmissionService) {}

  @Post()
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Apply for admission: ADMITTED, PENDING_EVIDENCE or REJECTED from the evaluation as of a date',
    description:
      "Evaluates the supplier as of the date (default today) under its category's policy: EXCELLENT or GOOD admits it (status ACTIVE), INSUFFICIENT_DATA leaves it an applicant (PENDING_EVIDENCE), anything else rejects it. After a rejection or delisting a new application waits for readmissionCooldownDays (409 naming the date it ends).",
  })
  @ApiCreatedResponse({ type: ApplicationResponseDto })
  @ApiProblems(
    invalid('supplierId', 'must be a UUID'),
    NO_SUCH_DATE,
    AS_OF_OUT_OF_RANGE,
    OTHER_CATEGORY,
    new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`),
    new AdmissionException(
      AdmissionExceptionCode.NOT_AN_APPLICANT,
      'The supplier is ACTIVE; only applicants and rejected or delisted suppliers apply',
    ),
    new AdmissionException(
      AdmissionExceptionCode.COOLDOWN_RUNNING,
      'The supplier was REJECTED as of 2026-10-01; it may apply again from 2026-12-30',
      [{ field: 'asOf', message: 'a new application is possible from 2026-12-30' }],
    ),
  )
  async apply(@Body() body: ApplyDto, @CurrentPrincipal() principal: Principal): Promise<ApplicationResponseDto> {
    return toResponse(await this.admission.apply(body.supplierId, body.asOf, principal));
  }

  @Post(':id/override')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary:
      "Override the latest application's outcome with a mandatory reason (an OVERRIDE decision), an admission optionally held until a date; answered with warnings of what the next run would do",
    description:
      "A manager replaces the outcome of the supplier's latest application (ADMITTED or REJECTED) with a mandatory reason, recorded as an OVERRIDE decision; an admission may carry holdUntil (after today, at most 180 days ahead), and the answer carries warnings of what the next run would do. Refused (409) when a later application exists, the outcome is already that, or the supplier has moved on.",
  })
  @ApiOkResponse({ type: OverrideResponseDto })
  @ApiProblems(
    INVALID_ID,
    invalid('outcome', 'must be one of the following values: ADMITTED, REJECTED'),
    OTHER_CATEGORY,
    new AdmissionException(AdmissionExceptionCode.APPLICATION_NOT_FOUND, `Application ${EXAMPLE.applicationId} does not exist`),
    new AdmissionException(AdmissionExceptionCode.OVERRIDE_NOT_POSSIBLE, 'A later application supersedes this one; override that one'),
    new AdmissionException(AdmissionExceptionCode.OVERRIDE_NOT_POSSIBLE, "The application's outcome is already ADMITTED"),
    new AdmissionException(
      AdmissionExceptionCode.OVERRIDE_NOT_POSSIBLE,
      `${transitionRefusal('SUSPENDED', 'ACTIVE', 'ADMISSION_OVERRIDE')}; the supplier has moved on since this application (use POST /v1/suppliers/${EXAMPLE.supplierId}/status)`,
    ),
    HOLD_TOO_LONG,
    thrownBy(() => assertHoldAllowed('2026-12-31', 'REJECTED', EXAMPLE.asOf)),
  )
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
  @ApiOperation({
    summary: 'Applications, newest first, optionally of one supplier',
    description: 'Applications with their evaluation, outcome and any override, the newest first, optionally of one supplier.',
  })
  @ApiOkResponse({ type: ApplicationPageDto })
  @ApiProblems(invalid('supplierId', 'must be a UUID'), INVALID_CURSOR)
  async list(@Query() query: ListApplicationsQuery, @CurrentPrincipal() principal: Principal): Promise<ApplicationPageDto> {
    const page = await this.admission.list(query, principal);
    return { items: page.items.map(toResponse), nextCursor: page.nextCursor };
  }
}
