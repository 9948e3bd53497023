import { Controller, Get, Query, Req, type StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, invalid, INVALID_CURSOR } from '../common/http/api-problems.decorator.js';
import { ApiJsonOrCsvResponse, CSV_PAGE_SIZE, csvFile, keysetPages, wantsCsv } from '../common/http/csv.js';
import { SUPPLIER_STATUSES } from '../suppliers/domain/supplier-lifecycle.js';
import { SearchSuppliersQuery } from './dto/search-suppliers.query.js';
import { SupplierListingPageDto } from './dto/supplier-listing.dto.js';
import { SupplierSearchService } from './supplier-search.service.js';
import { SUPPLIER_CSV } from './triage.mapper.js';

const CSV_EXAMPLE =
  'id,externalRef,name,category,city,themes,status,tier,probationEndsAt,holdUntil,auditFailedOn,rate,rateAsOf,windowDays,wouldDecide,atRisk,createdAt,updatedAt\r\n' +
  '01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f70,HTL-000123,Hotel Russo Palace,hotel,Venice,beach,ACTIVE,POOR,,,,0.8125,2026-12-01,90,PENALTY,true,2026-09-14T08:12:40.000Z,2026-12-01T00:31:05.000Z\r\n';

@ApiTags('suppliers')
@Controller('v1/suppliers')
export class SupplierSearchController {
  constructor(private readonly search: SupplierSearchService) {}

  @Get()
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({
    operationId: 'Suppliers_list',
    summary: 'Find suppliers: search, filter, sort, with their latest rate and what the next run would do',
    description:
      "Suppliers filtered by category, status and tier, a substring of name, externalRef or city (q), probation or hold ending before a date and whether the next nightly run would sanction them (atRisk); in registration order or by sort; paged with limit and cursor (a cursor belongs to its sort). Each carries its latest snapshot's rate. A category manager limited to some categories sees only theirs. Accept: text/csv exports the whole list.",
  })
  @ApiJsonOrCsvResponse(SupplierListingPageDto, CSV_EXAMPLE)
  @ApiProblems(
    invalid('status', 'must be one of the following values: ' + SUPPLIER_STATUSES.join(', ')),
    invalid('probationEndsBefore', 'must be a date written YYYY-MM-DD'),
    INVALID_CURSOR,
    categoryRefusal('tour'),
  )
  async list(
    @Query() query: SearchSuppliersQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<SupplierListingPageDto | StreamableFile> {
    if (!wantsCsv(request)) return this.search.list(query, principal);
    const search = this.search.prepare(query, principal);
    return csvFile(
      'suppliers',
      SUPPLIER_CSV,
      keysetPages((cursor) => this.search.page(search, CSV_PAGE_SIZE, cursor ?? query.cursor)),
    );
  }
}
