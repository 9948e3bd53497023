import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, INVALID_CURSOR, INVALID_ID } from '../common/http/api-problems.decorator.js';
import { EXAMPLE } from '../common/http/examples.js';
import { IdParam } from '../common/http/id.param.js';
import { DEFAULT_LIMIT, PageQueryDto } from '../common/pagination/page.js';
import { SupplierException, SupplierExceptionCode } from '../suppliers/supplier.exception.js';
import { SuppliersService } from '../suppliers/suppliers.service.js';
import { decisionToResponse } from './decision.mapper.js';
import { DecisionsService } from './decisions.service.js';
import { DecisionPageDto } from './dto/decision-response.dto.js';

@ApiTags('suppliers')
@Controller('v1/suppliers')
export class SupplierDecisionsController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly decisions: DecisionsService,
  ) {}

  @Get(':id/decisions')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({
    operationId: 'Suppliers_decisionsOf',
    summary: "The supplier's decisions, newest first",
    description:
      'Every decision about the supplier (admission, sanctions, overrides, audit outcomes) with its evidence, reason, next step and actor, the newest first.',
  })
  @ApiOkResponse({ type: DecisionPageDto })
  @ApiProblems(
    INVALID_ID,
    INVALID_CURSOR,
    categoryRefusal('tour'),
    new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`),
  )
  async decisionsOf(
    @Param() { id }: IdParam,
    @Query() page: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DecisionPageDto> {
    await this.suppliers.getVisible(id, principal);
    const result = await this.decisions.listForSupplier(id, page.limit ?? DEFAULT_LIMIT, page.cursor);
    return { items: result.items.map(decisionToResponse), nextCursor: result.nextCursor };
  }
}
