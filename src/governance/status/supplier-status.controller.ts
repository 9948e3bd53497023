import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/auth/access.decorator.js';
import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { IdParam } from '../../common/http/id.param.js';
import { ProblemDto } from '../../common/http/problem.dto.js';
import { decisionToResponse } from '../../decisions/decision.mapper.js';
import { supplierToResponse } from '../../suppliers/supplier.mapper.js';
import { ChangeStatusDto } from './change-status.dto.js';
import { ChangeSupplierStatusUseCase } from './change-supplier-status.usecase.js';
import { StatusChangeResponseDto } from './status-change-response.dto.js';

@ApiTags('suppliers')
@Controller('v1/suppliers')
export class SupplierStatusController {
  constructor(private readonly changeSupplierStatus: ChangeSupplierStatusUseCase) {}

  @Post(':id/status')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    operationId: 'Suppliers_changeStatus',
    summary: 'Set a status by hand (ACTIVE, SUSPENDED, DELISTED) with a mandatory reason; recorded as an OVERRIDE decision',
  })
  @ApiOkResponse({ type: StatusChangeResponseDto })
  @ApiConflictResponse({ description: 'The lifecycle does not allow this change', type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async changeStatus(
    @Param() { id }: IdParam,
    @Body() body: ChangeStatusDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StatusChangeResponseDto> {
    const { supplier, decision } = await this.changeSupplierStatus.execute({
      supplierId: id,
      target: body.status,
      reason: body.reason,
      principal,
    });
    return { ...decisionToResponse(decision), supplier: supplierToResponse(supplier) };
  }
}
