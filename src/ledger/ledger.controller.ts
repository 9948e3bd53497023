import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, invalid, thrownBy, UNDECODABLE_PATH } from '../common/http/api-problems.decorator.js';
import { EXAMPLE } from '../common/http/examples.js';
import { SettlementDto, WaiverDto } from './dto/ledger.dto.js';
import { LEDGER_EXAMPLE, LedgerEntryResponseDto } from './dto/ledger-response.dto.js';
import { LedgerException, LedgerExceptionCode } from './ledger.exception.js';
import { entryToResponse } from './ledger.mapper.js';
import { chargeNotFound, LedgerChargesService } from './ledger-charges.service.js';
import { amountOrThrow, instantOrThrow } from './ledger-input.js';

class ChargeIdParam {
  @ApiProperty({ format: 'uuid', description: 'The id of a RECOVERY_CHARGED ledger entry' })
  @IsUUID('all', { message: 'must be a UUID' })
  chargeId: string;
}

const CHARGE = LEDGER_EXAMPLE.chargeId;
const CHARGE_PROBLEMS = [invalid('chargeId', 'must be a UUID'), UNDECODABLE_PATH, chargeNotFound(CHARGE)];
const WAIVED = new LedgerException(LedgerExceptionCode.CHARGE_WAIVED, `Charge ${CHARGE} was waived: nothing is left to settle or waive`);

@ApiTags('ledger')
@Controller('v1/ledger')
export class LedgerController {
  constructor(private readonly charges: LedgerChargesService) {}

  @Post(':chargeId/settlement')
  @Roles('integration', 'admin')
  @ApiOperation({
    operationId: 'Ledger_settle',
    summary: 'Finance reports an amount recovered on a charge (partial allowed, never more than outstanding)',
    description:
      "Appends a RECOVERY_SETTLED entry naming the charge, in the charge's currency. Concurrent settlements of one charge are decided one after another: together they never exceed it (409). A waived charge takes none (409). A chargeId that names no RECOVERY_CHARGED entry (another kind of entry included) → 404.",
  })
  @ApiCreatedResponse({ type: LedgerEntryResponseDto })
  @ApiProblems(
    CHARGE_PROBLEMS,
    invalid('amount', 'must be a number'),
    invalid('reference', 'must not be blank'),
    invalid('settledAt', 'must be an ISO-8601 timestamp with a time zone'),
    thrownBy(() => amountOrThrow(12.345, 2)),
    thrownBy(() => amountOrThrow(0, 2)),
    thrownBy(() => instantOrThrow(new Date('2026-12-24T09:00:00Z'), new Date(EXAMPLE.createdAt), 'settledAt')),
    thrownBy(() =>
      instantOrThrow(new Date('2026-11-20T09:00:00Z'), new Date(EXAMPLE.createdAt), 'settledAt', {
        at: new Date('2026-11-21T10:00:00Z'),
        what: 'the charge',
      }),
    ),
    new LedgerException(
      LedgerExceptionCode.EXCEEDS_OUTSTANDING,
      `Charge ${CHARGE} has 10.00 CNY outstanding of 100.00 CNY: a settlement may not exceed it`,
    ),
    WAIVED,
  )
  async settle(
    @Param() { chargeId }: ChargeIdParam,
    @Body() body: SettlementDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LedgerEntryResponseDto> {
    return entryToResponse(await this.charges.settle(chargeId, body, principal));
  }

  @Post(':chargeId/waiver')
  @Roles('admin', 'category_manager')
  @ApiOperation({
    operationId: 'Ledger_waive',
    summary: 'A manager waives what a charge still owes, with a reason (once per charge)',
    description:
      "Appends a RECOVERY_WAIVED entry naming the charge, for the amount still outstanding. A second waiver, or a waiver of a charge settled in full, → 409. Category managers only for their categories' suppliers.",
  })
  @ApiCreatedResponse({ type: LedgerEntryResponseDto })
  @ApiProblems(
    CHARGE_PROBLEMS,
    invalid('reason', 'must not be blank'),
    categoryRefusal('tour'),
    WAIVED,
    new LedgerException(LedgerExceptionCode.CHARGE_SETTLED, `Charge ${CHARGE} is settled in full: nothing is left to waive`),
  )
  async waive(
    @Param() { chargeId }: ChargeIdParam,
    @Body() body: WaiverDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LedgerEntryResponseDto> {
    return entryToResponse(await this.charges.waive(chargeId, body, principal));
  }
}
