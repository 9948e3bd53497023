import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
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
import { decisionToResponse } from '../../decisions/decision.mapper.js';
import { supplierToResponse } from '../../suppliers/supplier.mapper.js';
import { ChangeStatusDto } from './change-status.dto.js';
import { ChangeSupplierStatusUseCase } from './change-supplier-status.usecase.js';
import { LiftHoldUseCase } from './lift-hold.usecase.js';
import { HoldLiftedResponseDto, StatusChangeResponseDto } from './status-change-response.dto.js';

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
  })
  @ApiOkResponse({ type: StatusChangeResponseDto })
  @ApiConflictResponse({ description: 'The lifecycle does not allow this change', type: ProblemDto })
  @ApiUnprocessableEntityResponse({
    description: 'holdUntil not after today, more than 180 days ahead, or on a change to another status than ACTIVE',
    type: ProblemDto,
  })
  @ApiNotFoundResponse({ type: ProblemDto })
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
    summary: "Lift a supplier's hold early: from the next scoring run on the rules apply again (answered with what that run would do)",
  })
  @ApiOkResponse({ type: HoldLiftedResponseDto })
  @ApiConflictResponse({ description: 'The supplier has no hold', type: ProblemDto })
  @ApiForbiddenResponse({ description: "Not a manager of the supplier's category", type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async lift(@Param() { id }: IdParam, @CurrentPrincipal() principal: Principal): Promise<HoldLiftedResponseDto> {
    const { supplier, warnings } = await this.liftHold.execute(id, principal);
    return { supplier: supplierToResponse(supplier), warnings };
  }
}
