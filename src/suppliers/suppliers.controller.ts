import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, invalid, INVALID_ID } from '../common/http/api-problems.decorator.js';
import { EXAMPLE } from '../common/http/examples.js';
import { IdParam } from '../common/http/id.param.js';
import { CATEGORY_MESSAGE } from '../policies/dto/category.param.js';
import { CreateSupplierDto } from './dto/create-supplier.dto.js';
import { SupplierResponseDto } from './dto/supplier-response.dto.js';
import { SupplierException, SupplierExceptionCode } from './supplier.exception.js';
import { supplierToResponse } from './supplier.mapper.js';
import { SuppliersService } from './suppliers.service.js';

const NOT_FOUND = new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`);
const OTHER_CATEGORY = categoryRefusal('tour');

@ApiTags('suppliers')
@Controller('v1/suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SuppliersService) {}

  @Post()
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Register a supplier; it starts as an APPLICANT',
    description:
      "Adds a supplier to governance as an APPLICANT with no tier; it is scored and can be admitted from then on. externalRef is the catalogue's id and is unique (409 on repeat); the category must already have a policy (422).",
  })
  @ApiCreatedResponse({ type: SupplierResponseDto })
  @ApiProblems(
    invalid('category', CATEGORY_MESSAGE),
    OTHER_CATEGORY,
    new SupplierException(SupplierExceptionCode.DUPLICATE_EXTERNAL_REF, 'A supplier with externalRef "HTL-000123" already exists', [
      { field: 'externalRef', message: 'is already used by another supplier' },
    ]),
    new SupplierException(
      SupplierExceptionCode.UNKNOWN_CATEGORY,
      'Category "hotel" has no policy; publish one with PUT /v1/policies/hotel first',
      [{ field: 'category', message: 'has no policy' }],
    ),
  )
  async create(@Body() body: CreateSupplierDto, @CurrentPrincipal() principal: Principal): Promise<SupplierResponseDto> {
    return supplierToResponse(await this.suppliers.create(body, principal));
  }

  @Get(':id')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({ summary: 'One supplier', description: 'A supplier with its status, tier, probation end and timestamps.' })
  @ApiOkResponse({ type: SupplierResponseDto })
  @ApiProblems(INVALID_ID, OTHER_CATEGORY, NOT_FOUND)
  async get(@Param() { id }: IdParam, @CurrentPrincipal() principal: Principal): Promise<SupplierResponseDto> {
    return supplierToResponse(await this.suppliers.getVisible(id, principal));
  }
}
