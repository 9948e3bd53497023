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
import { LedgerPageDto } from './dto/ledger-response.dto.js';
import { balanceToResponse, entryToResponse } from './ledger.mapper.js';
import { LedgerReadsService } from './ledger-reads.service.js';

@ApiTags('suppliers')
@Controller('v1/suppliers')
export class SupplierLedgerController {
  constructor(private readonly ledger: LedgerReadsService) {}

  @Get(':id/ledger')
  @Roles('admin', 'integration', 'category_manager')
  @ApiOperation({
    operationId: 'Suppliers_ledgerOf',
    summary: "The supplier's advance-compensation ledger, newest first, with its balances per currency",
    description:
      'Every entry about the supplier (compensation paid on its complaints, the charges of it, their settlements and waivers), newest first, and per currency: paid on its behalf (compensation on complaints resolved SUPPLIER), charged, settled, waived and outstanding, exact.',
  })
  @ApiOkResponse({ type: LedgerPageDto })
  @ApiProblems(
    INVALID_ID,
    INVALID_CURSOR,
    categoryRefusal('tour'),
    new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`),
  )
  async ledgerOf(@Param() { id }: IdParam, @Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<LedgerPageDto> {
    const result = await this.ledger.ofSupplier(id, principal, page.limit ?? DEFAULT_LIMIT, page.cursor);
    return { items: result.items.map(entryToResponse), nextCursor: result.nextCursor, balances: result.balances.map(balanceToResponse) };
  }
}
