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
import { AuditTargetsService } from './audit-targets.service.js';
import { auditToResponse } from './audits.mapper.js';
import { AuditsService } from './audits.service.js';
import {
  AuditDto,
  AuditPageDto,
  AuditTargetDto,
  CoverageDto,
  CoverageQuery,
  CreateAuditDto,
  CreateShopperDto,
  ListAuditsQuery,
  MyAuditPageDto,
  PlanDto,
  ReportDto,
  ReviewReportDto,
  ShopperDto,
  ShopperPageDto,
  TargetsQuery,
} from './dto/audits.dto.js';
import { PlanAuditsUseCase } from './plan-audits.usecase.js';
import { ShoppersService } from './shoppers.service.js';

@ApiTags('audits')
@Controller('v1')
export class AuditsController {
  constructor(
    private readonly audits: AuditsService,
    private readonly shoppers: ShoppersService,
    private readonly targetsService: AuditTargetsService,
    private readonly planning: PlanAuditsUseCase,
  ) {}

  @Post('shoppers')
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'Register a mystery shopper: categories, themes, city, capacity and declared conflicts' })
  @ApiCreatedResponse({ type: ShopperDto })
  async createShopper(@Body() body: CreateShopperDto, @CurrentPrincipal() principal: Principal): Promise<ShopperDto> {
    return this.shoppers.createShopper(body, principal);
  }

  @Get('shoppers')
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'Shoppers (of the categories you manage) with their open assignments' })
  @ApiOkResponse({ type: ShopperPageDto })
  async listShoppers(@Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<ShopperPageDto> {
    return this.shoppers.listShoppers(principal, page.limit ?? DEFAULT_LIMIT, page.cursor);
  }

  @Get('audit-targets')
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'Suppliers worth a visit, highest priority first, with their reasons' })
  @ApiOkResponse({ type: [AuditTargetDto] })
  @ApiUnprocessableEntityResponse({ description: 'asOf before 2000-01-01 or after today', type: ProblemDto })
  async targets(@Query() query: TargetsQuery, @CurrentPrincipal() principal: Principal): Promise<AuditTargetDto[]> {
    return this.targetsService.targets(query.category, query.asOf, principal);
  }

  @Post('audits/plan')
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'Assign as many targets as the shoppers can take (higher priority first where not all fit)' })
  @ApiCreatedResponse({ type: AuditPageDto })
  @ApiUnprocessableEntityResponse({ description: 'asOf before 2000-01-01 or after today: a plan is not dated ahead', type: ProblemDto })
  async plan(@Body() body: PlanDto, @CurrentPrincipal() principal: Principal): Promise<AuditPageDto> {
    return { items: (await this.planning.plan(body, principal)).map(auditToResponse), nextCursor: null };
  }

  @Post('audits')
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'Assign a shopper to a supplier by hand' })
  @ApiCreatedResponse({ type: AuditDto })
  @ApiConflictResponse({ description: 'Not auditable, no free slot, conflict, or an audit already open', type: ProblemDto })
  async assign(@Body() body: CreateAuditDto, @CurrentPrincipal() principal: Principal): Promise<AuditDto> {
    return auditToResponse(await this.planning.assign(body, principal));
  }

  @Get('audits/coverage')
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'Share of live suppliers with an accepted audit in the last 365 days, against the 80% goal' })
  @ApiOkResponse({ type: CoverageDto })
  async coverage(@Query() query: CoverageQuery, @CurrentPrincipal() principal: Principal): Promise<CoverageDto> {
    return this.audits.coverage(query.category, principal);
  }

  @Get('audits')
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'Audits, newest first, by status or supplier' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@Query() query: ListAuditsQuery, @CurrentPrincipal() principal: Principal): Promise<AuditPageDto> {
    const page = await this.audits.list(query, principal);
    return { items: page.items.map(auditToResponse), nextCursor: page.nextCursor };
  }

  @Get('audits/:id')
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'One audit' })
  @ApiOkResponse({ type: AuditDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async get(@Param() { id }: IdParam, @CurrentPrincipal() principal: Principal): Promise<AuditDto> {
    return auditToResponse(await this.audits.get(id, principal));
  }

  @Get('me/audits')
  @Roles('mystery_shopper')
  @ApiOperation({ summary: 'My assignments (a shopper sees only their own)' })
  @ApiOkResponse({ type: MyAuditPageDto })
  async mine(@Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<MyAuditPageDto> {
    return this.audits.mine(principal, page.limit ?? DEFAULT_LIMIT, page.cursor);
  }

  @Post('audits/:id/accept')
  @HttpCode(200)
  @Roles('mystery_shopper')
  @ApiOperation({ summary: 'Accept my assignment' })
  @ApiOkResponse({ type: AuditDto })
  @ApiConflictResponse({ type: ProblemDto })
  async accept(@Param() { id }: IdParam, @CurrentPrincipal() principal: Principal): Promise<AuditDto> {
    return auditToResponse(await this.audits.accept(id, principal));
  }

  @Post('audits/:id/decline')
  @HttpCode(200)
  @Roles('mystery_shopper')
  @ApiOperation({ summary: 'Decline my assignment (it returns to planning)' })
  @ApiOkResponse({ type: AuditDto })
  @ApiConflictResponse({ type: ProblemDto })
  async decline(@Param() { id }: IdParam, @CurrentPrincipal() principal: Principal): Promise<AuditDto> {
    return auditToResponse(await this.audits.decline(id, principal));
  }

  @Post('audits/:id/report')
  @HttpCode(200)
  @Roles('mystery_shopper')
  @ApiOperation({ summary: "Submit my report: every checklist key scored 0..5; scored 0..100 by the category's weights" })
  @ApiOkResponse({ type: AuditDto })
  @ApiConflictResponse({ type: ProblemDto })
  @ApiUnprocessableEntityResponse({
    description: 'Checklist keys missing or unknown, or the visit outside the assignment window',
    type: ProblemDto,
  })
  async report(@Param() { id }: IdParam, @Body() body: ReportDto, @CurrentPrincipal() principal: Principal): Promise<AuditDto> {
    return auditToResponse(await this.audits.submit(id, body, principal));
  }

  @Post('audits/:id/review')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'Accept or reject a submitted report; accepting makes an AUDIT_PASSED or AUDIT_FAILED decision' })
  @ApiOkResponse({ type: AuditDto })
  @ApiConflictResponse({ type: ProblemDto })
  async review(@Param() { id }: IdParam, @Body() body: ReviewReportDto, @CurrentPrincipal() principal: Principal): Promise<AuditDto> {
    return auditToResponse(await this.audits.review(id, body.accept, body.note, principal));
  }
}
