import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import { DEFAULT_LIMIT, PageQueryDto } from '../common/pagination/page.js';
import { decisionToResponse } from '../decisions/decision.mapper.js';
import { DecisionsService } from '../decisions/decisions.service.js';
import { DecisionPageDto } from '../decisions/dto/decision-response.dto.js';
import { ChangeStatusDto } from './dto/change-status.dto.js';
import { CreateSupplierDto } from './dto/create-supplier.dto.js';
import { ListSuppliersQuery } from './dto/list-suppliers.query.js';
import { StatusChangeResponseDto } from './dto/status-change-response.dto.js';
import { SupplierPageDto, SupplierResponseDto } from './dto/supplier-response.dto.js';
import { supplierToResponse } from './supplier.mapper.js';
import { SuppliersService } from './suppliers.service.js';

@ApiTags('suppliers')
@Controller('v1/suppliers')
export class SuppliersController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly decisions: DecisionsService,
  ) {}

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

  @Get(':id/decisions')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({ summary: "The supplier's decisions, newest first" })
  @ApiOkResponse({ type: DecisionPageDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async decisionsOf(
    @Param() { id }: IdParam,
    @Query() page: PageQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DecisionPageDto> {
    await this.suppliers.getVisible(id, principal);
    const result = await this.decisions.listForSupplier(id, page.limit ?? DEFAULT_LIMIT, page.cursor);
    return { items: result.items.map(decisionToResponse), nextCursor: result.nextCursor };
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'Set a status by hand (ACTIVE, SUSPENDED, DELISTED) with a mandatory reason; recorded as an OVERRIDE decision' })
  @ApiOkResponse({ type: StatusChangeResponseDto })
  @ApiConflictResponse({ description: 'The lifecycle does not allow this change', type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async changeStatus(
    @Param() { id }: IdParam,
    @Body() body: ChangeStatusDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StatusChangeResponseDto> {
    const { supplier, decision } = await this.suppliers.changeStatus(id, body.status, body.reason, principal);
    return { ...decisionToResponse(decision), supplier: supplierToResponse(supplier) };
  }
}
