import { Body, Controller, Delete, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/auth/access.decorator.js';
import { categoryRefusal } from '../../common/auth/category-access.js';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { ApiProblems, invalid, INVALID_ID, thrownBy } from '../../common/http/api-problems.decorator.js';
import { EXAMPLE } from '../../common/http/examples.js';
import { IdParam } from '../../common/http/id.param.js';
import { decisionToResponse } from '../../decisions/decision.mapper.js';
import { transitionRefusal } from '../../suppliers/domain/supplier-lifecycle.js';
import { SupplierException, SupplierExceptionCode } from '../../suppliers/supplier.exception.js';
import { supplierToResponse } from '../../suppliers/supplier.mapper.js';
import { ChangeStatusDto, LiftHoldQuery } from './change-status.dto.js';
import { assertHoldAllowed, ChangeSupplierStatusUseCase } from './change-supplier-status.usecase.js';
import { HoldException, HoldExceptionCode } from './hold.exception.js';
import { LiftHoldUseCase } from './lift-hold.usecase.js';
import { HoldLiftedResponseDto, StatusChangeResponseDto } from './status-change-response.dto.js';

const ILLEGAL = transitionRefusal('APPLICANT', 'ACTIVE', 'MANUAL')!;
/** A hold past the longest the rules allow, refused by the use case's own check (also in admission overrides). */
export const HOLD_TOO_LONG = thrownBy(() => assertHoldAllowed('2027-12-31', 'ACTIVE', EXAMPLE.asOf));

@ApiTags('suppliers')
@Controller('v1/suppliers')
export class SupplierStatusController {
  constructor(
    private readonly changeSupplierStatus: ChangeSupplierStatusUseCase,
    private readonly liftHold: LiftHoldUseCase,
  ) {}

  @Post(':id/status')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    operationId: 'Suppliers_changeStatus',
    summary:
      'Set a status by hand (ACTIVE, SUSPENDED, DELISTED) with a mandatory reason, to ACTIVE optionally held until a date; recorded as an OVERRIDE decision, answered with warnings of what the next run would do',
    description:
      'A manager moves a supplier to ACTIVE, SUSPENDED or DELISTED where the lifecycle allows it, with a mandatory reason; recorded as an OVERRIDE decision (and an event). A change to ACTIVE may carry holdUntil (after today, at most 180 days ahead): runs dated up to it make no sanction decision. Answers the decision with the supplier as it now stands and warnings of what the next run would do.',
  })
  @ApiOkResponse({ type: StatusChangeResponseDto })
  @ApiProblems(
    INVALID_ID,
    invalid('reason', 'must be longer than or equal to 3 characters'),
    categoryRefusal('tour'),
    new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`),
    new SupplierException(SupplierExceptionCode.ILLEGAL_TRANSITION, ILLEGAL, [{ field: 'status', message: ILLEGAL }]),
    HOLD_TOO_LONG,
    thrownBy(() => assertHoldAllowed('2026-12-31', 'SUSPENDED', EXAMPLE.asOf)),
  )
  async changeStatus(
    @Param() { id }: IdParam,
    @Body() body: ChangeStatusDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StatusChangeResponseDto> {
    const { supplier, decision, warnings } = await this.changeSupplierStatus.execute({
      supplierId: id,
      target: body.status,
      reason: body.reason,
      holdUntil: body.holdUntil,
      principal,
    });
    return { ...decisionToResponse(decision), supplier: supplierToResponse(supplier), warnings };
  }

  @Delete(':id/hold')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    operationId: 'Suppliers_liftHold',
    summary:
      "Lift a supplier's hold early, optionally with a reason: recorded as a HOLD_LIFTED decision; from the next scoring run on the rules apply again (answered with what that run would do)",
    description:
      "Ends a manager's hold before its date: the next scoring run applies the sanction rules to the supplier again. Recorded as a HOLD_LIFTED decision (the status stays, so no event) naming the hold it ended, the manager and their reason if given. Answers the decision with the supplier as it now stands and warnings of what that run would decide. 409 when the supplier has no hold.",
  })
  @ApiOkResponse({ type: HoldLiftedResponseDto })
  @ApiProblems(
    INVALID_ID,
    invalid('reason', 'must be longer than or equal to 3 characters'),
    categoryRefusal('tour'),
    new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`),
    new HoldException(HoldExceptionCode.NO_HOLD, `Supplier ${EXAMPLE.supplierId} has no hold to lift`),
  )
  async lift(
    @Param() { id }: IdParam,
    @Query() { reason }: LiftHoldQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HoldLiftedResponseDto> {
    const { supplier, decision, warnings } = await this.liftHold.execute({ supplierId: id, reason, principal });
    return { ...decisionToResponse(decision), supplier: supplierToResponse(supplier), warnings };
  }
}
