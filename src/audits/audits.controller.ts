import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import {
  ApiProblems,
  AS_OF_OUT_OF_RANGE,
  invalid,
  INVALID_CURSOR,
  INVALID_ID,
  NO_SUCH_DATE,
} from '../common/http/api-problems.decorator.js';
import { EXAMPLE } from '../common/http/examples.js';
import { IdParam } from '../common/http/id.param.js';
import { DEFAULT_LIMIT, PageQueryDto } from '../common/pagination/page.js';
import { DEFAULT_POLICY } from '../policies/domain/policy.js';
import { CATEGORY_MESSAGE } from '../policies/dto/category.param.js';
import { SupplierException, SupplierExceptionCode } from '../suppliers/supplier.exception.js';
import { AuditException, AuditExceptionCode } from './audit.exception.js';
import { AuditTargetsService } from './audit-targets.service.js';
import { auditToResponse } from './audits.mapper.js';
import { AuditsService } from './audits.service.js';
import { auditActionRefusal, scoreReport } from './domain/audit-lifecycle.js';
import {
  AuditDto,
  AuditPageDto,
  AuditTargetDto,
  CoverageDto,
  MyAuditPageDto,
  ShopperDto,
  ShopperPageDto,
} from './dto/audit-responses.dto.js';
import {
  CoverageQuery,
  CreateAuditDto,
  CreateShopperDto,
  ListAuditsQuery,
  PlanDto,
  ReportDto,
  ReviewReportDto,
  TargetsQuery,
} from './dto/audits.dto.js';
import { PlanAuditsUseCase } from './plan-audits.usecase.js';
import { ShoppersService } from './shoppers.service.js';

const OTHER_CATEGORY = categoryRefusal('tour');
const AUDIT_NOT_FOUND = new AuditException(AuditExceptionCode.AUDIT_NOT_FOUND, `Audit ${EXAMPLE.auditId} does not exist`);
const notAuditable = (message: string, field: string) =>
  new AuditException(AuditExceptionCode.NOT_AUDITABLE, message, [{ field, message }]);
const illegalMove = (...args: Parameters<typeof auditActionRefusal>) =>
  new AuditException(AuditExceptionCode.ILLEGAL_AUDIT_MOVE, auditActionRefusal(...args)!);
const checklistMismatch = scoreReport(DEFAULT_POLICY.auditChecklist, [{ key: 'wifi', score: 3 }]);

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
  @ApiOperation({
    summary: 'Register a mystery shopper: categories, themes, city, capacity and declared conflicts',
    description:
      'Adds a mystery shopper who audits suppliers of the given categories, preferably of its themes and city, with at most maxOpenAudits open assignments, never at the suppliers it declared a conflict with. A category manager registers shoppers only for the categories it manages.',
  })
  @ApiCreatedResponse({ type: ShopperDto })
  @ApiProblems(invalid('maxOpenAudits', 'must not be greater than 100'), OTHER_CATEGORY)
  async createShopper(@Body() body: CreateShopperDto, @CurrentPrincipal() principal: Principal): Promise<ShopperDto> {
    return this.shoppers.createShopper(body, principal);
  }

  @Get('shoppers')
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Shoppers (of the categories you manage) with their open assignments',
    description:
      'Mystery shoppers with their categories, themes, capacity and open assignments; a category manager limited to some categories sees the shoppers of those.',
  })
  @ApiOkResponse({ type: ShopperPageDto })
  @ApiProblems(invalid('limit', 'must not be greater than 500'), INVALID_CURSOR)
  async listShoppers(@Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<ShopperPageDto> {
    return this.shoppers.listShoppers(principal, page.limit ?? DEFAULT_LIMIT, page.cursor);
  }

  @Get('audit-targets')
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Suppliers worth a visit, highest priority first, with their reasons',
    description:
      'Active suppliers worth a mystery-shopper visit as of the date, the highest priority first: a high negative rate, a sharp change of rate between two windows, or no accepted audit in the last 365 days, each reason listed.',
  })
  @ApiOkResponse({ type: [AuditTargetDto] })
  @ApiProblems(NO_SUCH_DATE, OTHER_CATEGORY, AS_OF_OUT_OF_RANGE)
  async targets(@Query() query: TargetsQuery, @CurrentPrincipal() principal: Principal): Promise<AuditTargetDto[]> {
    return this.targetsService.targets(query.category, query.asOf, principal);
  }

  @Post('audits/plan')
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Assign as many targets as the shoppers can take (higher priority first where not all fit)',
    description:
      "Assigns targets to shoppers of their category (theme and city preferred, never a declared conflict or the last auditor), within each shopper's free slots, higher priority first where not all fit; the same input gives the same plan. Answers the assignments it created.",
  })
  @ApiCreatedResponse({ type: AuditPageDto })
  @ApiProblems(invalid('dueInDays', 'must not be greater than 90'), NO_SUCH_DATE, OTHER_CATEGORY, AS_OF_OUT_OF_RANGE)
  async plan(@Body() body: PlanDto, @CurrentPrincipal() principal: Principal): Promise<AuditPageDto> {
    return { items: (await this.planning.plan(body, principal)).map(auditToResponse), nextCursor: null };
  }

  @Post('audits')
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Assign a shopper to a supplier by hand',
    description:
      'Assigns one shopper to one ACTIVE or PROBATION supplier with a due date in the future. Refused (409) when the shopper does not audit the category, declared a conflict, has no free slot, or the supplier already has an open audit.',
  })
  @ApiCreatedResponse({ type: AuditDto })
  @ApiProblems(
    invalid('dueAt', 'must be an ISO-8601 timestamp'),
    OTHER_CATEGORY,
    new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`),
    new AuditException(AuditExceptionCode.SHOPPER_NOT_FOUND, `Shopper ${EXAMPLE.shopperId} does not exist`),
    new AuditException(AuditExceptionCode.NOT_AUDITABLE, 'Only ACTIVE or PROBATION suppliers are audited; this one is SUSPENDED'),
    notAuditable('the shopper does not audit category "hotel"', 'shopperId'),
    notAuditable('the shopper declared a conflict with this supplier', 'shopperId'),
    notAuditable('the shopper has no free slot (3/3 open)', 'shopperId'),
    notAuditable('must be in the future', 'dueAt'),
    new AuditException(AuditExceptionCode.NOT_AUDITABLE, 'The supplier already has an open audit', [
      { field: 'supplierId', message: 'already has an open audit' },
    ]),
  )
  async assign(@Body() body: CreateAuditDto, @CurrentPrincipal() principal: Principal): Promise<AuditDto> {
    return auditToResponse(await this.planning.assign(body, principal));
  }

  @Get('audits/coverage')
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Share of live suppliers with an accepted audit in the last 365 days, against the 80% goal',
    description:
      'Share of ACTIVE and PROBATION suppliers of the category with an accepted audit in the trailing 365 days, against the 80% goal; null coverage when there are no such suppliers.',
  })
  @ApiOkResponse({ type: CoverageDto })
  @ApiProblems(invalid('category', CATEGORY_MESSAGE), OTHER_CATEGORY)
  async coverage(@Query() query: CoverageQuery, @CurrentPrincipal() principal: Principal): Promise<CoverageDto> {
    return this.audits.coverage(query.category, principal);
  }

  @Get('audits')
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Audits, newest first, by status or supplier',
    description: 'Audits the caller may see, the newest first, optionally by status or supplier.',
  })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiProblems(invalid('supplierId', 'must be a UUID'), INVALID_CURSOR)
  async list(@Query() query: ListAuditsQuery, @CurrentPrincipal() principal: Principal): Promise<AuditPageDto> {
    const page = await this.audits.list(query, principal);
    return { items: page.items.map(auditToResponse), nextCursor: page.nextCursor };
  }

  @Get('audits/:id')
  @Roles('admin', 'category_manager')
  @ApiOperation({ summary: 'One audit', description: 'An audit with its assignment, report, score and review.' })
  @ApiOkResponse({ type: AuditDto })
  @ApiProblems(INVALID_ID, OTHER_CATEGORY, AUDIT_NOT_FOUND)
  async get(@Param() { id }: IdParam, @CurrentPrincipal() principal: Principal): Promise<AuditDto> {
    return auditToResponse(await this.audits.get(id, principal));
  }

  @Get('me/audits')
  @Roles('mystery_shopper')
  @ApiOperation({
    summary: 'My assignments (a shopper sees only their own)',
    description: "The calling shopper's assignments with the supplier to visit and the checklist to score; never another shopper's.",
  })
  @ApiOkResponse({ type: MyAuditPageDto })
  @ApiProblems(invalid('limit', 'must not be greater than 500'), INVALID_CURSOR)
  async mine(@Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<MyAuditPageDto> {
    return this.audits.mine(principal, page.limit ?? DEFAULT_LIMIT, page.cursor);
  }

  @Post('audits/:id/accept')
  @HttpCode(200)
  @Roles('mystery_shopper')
  @ApiOperation({
    summary: 'Accept my assignment',
    description: 'The assigned shopper accepts an ASSIGNED audit; it can then be reported.',
  })
  @ApiOkResponse({ type: AuditDto })
  @ApiProblems(INVALID_ID, AUDIT_NOT_FOUND, illegalMove('SUBMITTED', 'accept'))
  async accept(@Param() { id }: IdParam, @CurrentPrincipal() principal: Principal): Promise<AuditDto> {
    return auditToResponse(await this.audits.accept(id, principal));
  }

  @Post('audits/:id/decline')
  @HttpCode(200)
  @Roles('mystery_shopper')
  @ApiOperation({
    summary: 'Decline my assignment (it returns to planning)',
    description: 'The assigned shopper declines an ASSIGNED audit; the supplier returns to planning.',
  })
  @ApiOkResponse({ type: AuditDto })
  @ApiProblems(INVALID_ID, AUDIT_NOT_FOUND, illegalMove('SUBMITTED', 'decline'))
  async decline(@Param() { id }: IdParam, @CurrentPrincipal() principal: Principal): Promise<AuditDto> {
    return auditToResponse(await this.audits.decline(id, principal));
  }

  @Post('audits/:id/report')
  @HttpCode(200)
  @Roles('mystery_shopper')
  @ApiOperation({
    summary: "Submit my report: every checklist key scored 0..5; scored 0..100 by the category's weights",
    description:
      "The assigned shopper submits the report of an ACCEPTED audit: the visit time (between the assignment and its due date, not in the future), every key of the category's checklist scored 0..5 once, a verdict and a summary. The score is the checklist's weighted mean of score/5, times 100.",
  })
  @ApiOkResponse({ type: AuditDto })
  @ApiProblems(
    INVALID_ID,
    invalid('checklist[0].score', 'must not be greater than 5'),
    AUDIT_NOT_FOUND,
    illegalMove('ASSIGNED', 'submit'),
    new AuditException(
      AuditExceptionCode.INVALID_REPORT,
      'The checklist does not match the category’s',
      'errors' in checklistMismatch ? checklistMismatch.errors : [],
    ),
    new AuditException(
      AuditExceptionCode.INVALID_REPORT,
      'The visit must fall between the assignment and its due date, and not in the future',
      [
        {
          field: 'visitedAt',
          message: 'must be between 2026-11-18T09:00:00.000Z and 2026-12-02T09:00:00.000Z, and not in the future',
        },
      ],
    ),
  )
  async report(@Param() { id }: IdParam, @Body() body: ReportDto, @CurrentPrincipal() principal: Principal): Promise<AuditDto> {
    return auditToResponse(await this.audits.submit(id, body, principal));
  }

  @Post('audits/:id/review')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Accept or reject a submitted report; accepting makes an AUDIT_PASSED or AUDIT_FAILED decision',
    description:
      "A manager accepts or rejects a SUBMITTED report with a note. Accepting decides AUDIT_PASSED or AUDIT_FAILED by the policy's auditPassScore; a failure puts an ACTIVE supplier on probation.",
  })
  @ApiOkResponse({ type: AuditDto })
  @ApiProblems(INVALID_ID, invalid('accept', 'must be a boolean value'), OTHER_CATEGORY, AUDIT_NOT_FOUND, illegalMove('ACCEPTED', 'review'))
  async review(@Param() { id }: IdParam, @Body() body: ReviewReportDto, @CurrentPrincipal() principal: Principal): Promise<AuditDto> {
    return auditToResponse(await this.audits.review(id, body.accept, body.note, principal));
  }
}
