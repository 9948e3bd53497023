import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

import { Roles } from '../common/auth/access.decorator.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { IdParam } from '../common/http/id.param.js';
import { ProblemDto } from '../common/http/problem.dto.js';
import { CreateSupplierDto } from './dto/create-supplier.dto.js';
import { ListSuppliersQuery } from './dto/list-suppliers.query.js';
import { SupplierPageDto, SupplierResponseDto } from './dto/supplier-response.dto.js';
import { supplierToResponse } from './supplier.mapper.js';
import { SuppliersService } from './suppliers.service.js';

@ApiTags('suppliers')
@Controller('v1/suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SuppliersService) {}

  @Post()
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'Register a supplier; it starts as an APPLICANT' })
  @ApiCreatedResponse({ type: SupplierResponseDto })
  @ApiConflictResponse({ description: 'externalRef already used', type: ProblemDto })
  @ApiUnprocessableEntityResponse({ description: 'The category has no policy', type: ProblemDto })
  async create(@Body() body: CreateSupplierDto, @CurrentPrincipal() principal: Principal): Promise<SupplierResponseDto> {
    return supplierToResponse(await this.suppliers.create(body, principal));
  }

  @Get()
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({ summary: 'List suppliers, oldest first, filtered by category, status and tier' })
  @ApiOkResponse({ type: SupplierPageDto })
  async list(@Query() query: ListSuppliersQuery, @CurrentPrincipal() principal: Principal): Promise<SupplierPageDto> {
    const page = await this.suppliers.list(query, principal);
    return { items: page.items.map(supplierToResponse), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({ summary: 'One supplier' })
  @ApiOkResponse({ type: SupplierResponseDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async get(@Param() { id }: IdParam, @CurrentPrincipal() principal: Principal): Promise<SupplierResponseDto> {
    return supplierToResponse(await this.suppliers.getVisible(id, principal));
  }
}
