import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, invalid, INVALID_ID } from '../common/http/api-problems.decorator.js';
import { IdParam } from '../common/http/id.param.js';
import { LedgerEntryResponseDto } from '../ledger/dto/ledger-response.dto.js';
import { LedgerException, LedgerExceptionCode } from '../ledger/ledger.exception.js';
import { entryToResponse } from '../ledger/ledger.mapper.js';
import { ComplaintException, ComplaintExceptionCode } from './complaint.exception.js';
import { complaintToResponse } from './complaint.mapper.js';
import { ComplaintStepsService } from './complaint-steps.service.js';
import { COMPLAINT_NOT_FOUND } from './complaints.controller.js';
import { ComplaintsService } from './complaints.service.js';
import type { Complaint } from './domain/complaint.js';
import { ComplaintResponseDto, EXAMPLE_COMPLAINT_ID } from './dto/complaint-response.dto.js';
import { CompensationDto, ResolveDto, RespondDto, WithdrawDto } from './dto/complaint-steps.dto.js';

const OTHER_CATEGORY = categoryRefusal('tour');
const illegal = (detail: string) =>
  new ComplaintException(ComplaintExceptionCode.ILLEGAL_TRANSITION, `Complaint ${EXAMPLE_COMPLAINT_ID} ${detail}`);
const tooEarly = (field: string, what: string) =>
  new ComplaintException(ComplaintExceptionCode.STEP_TIME_OUT_OF_RANGE, `${field} must not be before the complaint was ${what}`, [
    { field, message: `must not be before the complaint was ${what}` },
  ]);
const future = (field: string) =>
  new ComplaintException(ComplaintExceptionCode.STEP_TIME_OUT_OF_RANGE, `${field} must not be in the future`, [
    { field, message: 'must not be in the future' },
  ]);

@ApiTags('complaints')
@Controller('v1/complaints/:id')
export class ComplaintStepsController {
  constructor(
    private readonly steps: ComplaintStepsService,
    private readonly complaints: ComplaintsService,
  ) {}

  @Post('response')
  @HttpCode(200)
  @Roles('integration', 'admin', 'category_manager')
  @ApiOperation({
    summary: 'The first answer to the customer: OPEN → RESPONDED',
    description:
      'Records when (default now), by whom and what. A complaint is answered once: a second response, or one to a resolved or withdrawn complaint, is refused (409).',
  })
  @ApiOkResponse({ type: ComplaintResponseDto })
  @ApiProblems(
    INVALID_ID,
    invalid('message', 'must not be blank'),
    OTHER_CATEGORY,
    COMPLAINT_NOT_FOUND,
    illegal('has already been answered; a complaint is answered once (status RESPONDED)'),
    tooEarly('respondedAt', 'opened (2026-11-24T08:15:00.000Z)'),
    future('respondedAt'),
  )
  async respond(
    @Param() { id }: IdParam,
    @Body() body: RespondDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComplaintResponseDto> {
    return this.view(await this.steps.respond(id, body, principal));
  }

  @Post('resolution')
  @HttpCode(200)
  @Roles('integration', 'admin', 'category_manager')
  @ApiOperation({
    summary: 'Resolve with a fault: OPEN | RESPONDED → RESOLVED',
    description:
      'An OPEN complaint resolved directly gets its first response recorded at the resolution time. Fault SUPPLIER charges every compensation paid on the complaint to the supplier, in the same transaction. Raises complaint.resolved. Resolving twice, or a withdrawn complaint, is refused (409).',
  })
  @ApiOkResponse({ type: ComplaintResponseDto })
  @ApiProblems(
    INVALID_ID,
    invalid('fault', 'fault must be one of the following values: SUPPLIER, PLATFORM, CUSTOMER, NONE'),
    OTHER_CATEGORY,
    COMPLAINT_NOT_FOUND,
    illegal('is already resolved; a complaint is resolved once (status RESOLVED)'),
    tooEarly('resolvedAt', 'answered (2026-11-24T09:40:00.000Z)'),
    future('resolvedAt'),
  )
  async resolve(
    @Param() { id }: IdParam,
    @Body() body: ResolveDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComplaintResponseDto> {
    return this.view(await this.steps.resolve(id, body, principal));
  }

  @Post('withdrawal')
  @HttpCode(200)
  @Roles('integration', 'admin', 'category_manager')
  @ApiOperation({
    summary: 'The customer withdrew the complaint: OPEN | RESPONDED → WITHDRAWN',
    description: 'A withdrawn complaint is never overdue and takes no compensation. A resolved complaint cannot be withdrawn (409).',
  })
  @ApiOkResponse({ type: ComplaintResponseDto })
  @ApiProblems(
    INVALID_ID,
    invalid('reason', 'must not be blank'),
    OTHER_CATEGORY,
    COMPLAINT_NOT_FOUND,
    illegal('is resolved; a resolved complaint cannot be withdrawn (status RESOLVED)'),
  )
  async withdraw(
    @Param() { id }: IdParam,
    @Body() body: WithdrawDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ComplaintResponseDto> {
    return this.view(await this.steps.withdraw(id, body, principal));
  }

  @Post('compensation')
  @Roles('integration', 'admin', 'category_manager')
  @ApiOperation({
    summary: 'Compensation the platform paid the customer (COMPENSATION_PAID), from the opening on',
    description:
      "One ledger entry per payment, exact in the currency's minor unit. On a complaint already resolved with fault SUPPLIER it is charged to the supplier at once (RECOVERY_CHARGED, event ledger.recovery_charged); paid before a SUPPLIER ruling, the ruling charges it. Borne by the platform for any other fault. Refused on a withdrawn complaint (409).",
  })
  @ApiCreatedResponse({ type: LedgerEntryResponseDto })
  @ApiProblems(
    INVALID_ID,
    invalid('amount', 'must be a number'),
    OTHER_CATEGORY,
    COMPLAINT_NOT_FOUND,
    illegal('was withdrawn; no compensation is paid on it (status WITHDRAWN)'),
    new LedgerException(LedgerExceptionCode.INVALID_AMOUNT, 'amount must have at most 2 decimal places in this currency', [
      { field: 'amount', message: 'must have at most 2 decimal places in this currency' },
    ]),
    new LedgerException(LedgerExceptionCode.UNKNOWN_CURRENCY, '"CNH" is not an ISO 4217 currency code the ledger takes', [
      { field: 'currency', message: 'must be an ISO 4217 currency code in upper case, e.g. CNY, USD, EUR, JPY' },
    ]),
    tooEarly('paidAt', 'opened (2026-11-24T08:15:00.000Z)'),
    future('paidAt'),
    new LedgerException(LedgerExceptionCode.INVALID_TIME, 'paidAt must not be in the future', [
      { field: 'paidAt', message: 'must not be in the future' },
    ]),
  )
  async compensate(
    @Param() { id }: IdParam,
    @Body() body: CompensationDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LedgerEntryResponseDto> {
    return entryToResponse(await this.steps.compensate(id, body, principal));
  }

  private async view(complaint: Complaint): Promise<ComplaintResponseDto> {
    const paid = await this.complaints.compensationOf([complaint]);
    return complaintToResponse(complaint, new Date(), paid.get(complaint.id) ?? []);
  }
}
