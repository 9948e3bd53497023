import { Controller, Get, Param, Query, Req, type StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, INVALID_CURSOR, INVALID_ID } from '../common/http/api-problems.decorator.js';
import { ApiJsonOrCsvResponse, CSV_PAGE_SIZE, csvFile, keysetPages, wantsCsv } from '../common/http/csv.js';
import { EXAMPLE } from '../common/http/examples.js';
import { IdParam } from '../common/http/id.param.js';
import { DEFAULT_LIMIT, PageQueryDto } from '../common/pagination/page.js';
import { SupplierException, SupplierExceptionCode } from '../suppliers/supplier.exception.js';
import { LedgerPageDto } from './dto/ledger-response.dto.js';
import { balanceToResponse, entryToResponse, LEDGER_CSV } from './ledger.mapper.js';
import { LedgerReadsService } from './ledger-reads.service.js';

const LEDGER_CSV_EXAMPLE =
  'id,supplierId,complaintId,kind,amount,currency,compensationId,chargeId,reference,reason,actor,occurredAt,createdAt\r\n' +
  `01937e10-2b3c-7d4e-8f50-617283940a1b,${EXAMPLE.supplierId},01937c40-5d6e-7f80-9a1b-2c3d4e5f6071,COMPENSATION_PAID,120,CNY,,,PAY-2026-11-0042,,service-desk,2026-11-21T10:00:00.000Z,2026-11-21T10:00:02.000Z\r\n`;

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
      'Every entry about the supplier (compensation paid on its complaints, the charges of it, their settlements and waivers), newest first, and per currency: paid on its behalf (compensation on complaints resolved SUPPLIER), charged, settled, waived and outstanding, exact. Accept: text/csv exports every entry (not the balances).',
  })
  @ApiJsonOrCsvResponse(LedgerPageDto, LEDGER_CSV_EXAMPLE)
  @ApiProblems(
    INVALID_ID,
    INVALID_CURSOR,
    categoryRefusal('tour'),
    new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`),
  )
  async ledgerOf(
    @Param() { id }: IdParam,
    @Query() page: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<LedgerPageDto | StreamableFile> {
    if (wantsCsv(request)) {
      await this.ledger.checkVisible(id, principal, page.cursor);
      const pages = keysetPages(async (cursor) => {
        const entries = await this.ledger.entriesOf(id, CSV_PAGE_SIZE, cursor ?? page.cursor);
        return { items: entries.items.map(entryToResponse), nextCursor: entries.nextCursor };
      });
      return csvFile('ledger', LEDGER_CSV, pages);
    }
    const result = await this.ledger.ofSupplier(id, principal, page.limit ?? DEFAULT_LIMIT, page.cursor);
    return { items: result.items.map(entryToResponse), nextCursor: result.nextCursor, balances: result.balances.map(balanceToResponse) };
  }
}
