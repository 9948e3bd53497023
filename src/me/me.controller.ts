import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { appealToResponse } from '../appeals/appeal.mapper.js';
import { AppealsService } from '../appeals/appeals.service.js';
import { AppealPageDto } from '../appeals/dto/appeal.dto.js';
import { Roles } from '../common/auth/access.decorator.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, AS_OF_OUT_OF_RANGE, invalid, INVALID_CURSOR, NO_SUCH_DATE } from '../common/http/api-problems.decorator.js';
import { AsOfQuery } from '../common/http/as-of.query.js';
import { EXAMPLE } from '../common/http/examples.js';
import { DEFAULT_LIMIT, PageQueryDto } from '../common/pagination/page.js';
import { complaintToResponse } from '../complaints/complaint.mapper.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { COMPLAINT_STATUSES } from '../complaints/domain/complaint.js';
import { decisionToResponse } from '../decisions/decision.mapper.js';
import { DecisionsService } from '../decisions/decisions.service.js';
import { decisionForSupplier } from '../decisions/domain/supplier-view.js';
import { DecisionPageDto } from '../decisions/dto/decision-response.dto.js';
import { SupplierProjectionService } from '../governance/projection/supplier-projection.service.js';
import { LedgerPageDto } from '../ledger/dto/ledger-response.dto.js';
import { balanceToResponse, entryToResponse } from '../ledger/ledger.mapper.js';
import { LedgerReadsService } from '../ledger/ledger-reads.service.js';
import { ListReviewsQuery } from '../reviews/dto/list-reviews.query.js';
import { ReviewPageDto } from '../reviews/dto/review-response.dto.js';
import { reviewToResponse } from '../reviews/review.mapper.js';
import { ReviewsService } from '../reviews/reviews.service.js';
import { HistoryDto, HistoryQuery } from '../scoring/dto/history.dto.js';
import { HISTORY_RANGE_PROBLEMS } from '../scoring/score-history.controller.js';
import { ScoreHistoryService } from '../scoring/score-history.service.js';
import { scorecardToResponse } from '../scoring/scorecard.mapper.js';
import { ScorecardService } from '../scoring/scorecard.service.js';
import { SupplierResponseDto } from '../suppliers/dto/supplier-response.dto.js';
import { SupplierException, SupplierExceptionCode } from '../suppliers/supplier.exception.js';
import { supplierToResponse } from '../suppliers/supplier.mapper.js';
import { SuppliersService } from '../suppliers/suppliers.service.js';
import { REPORT_WINDOW_PROBLEMS } from '../voice/reports/aspect-reports.controller.js';
import { aspectsReportToResponse } from '../voice/reports/aspect-reports.mapper.js';
import { AspectReportsService } from '../voice/reports/aspect-reports.service.js';
import { ReportWindowQuery, SupplierAspectsDto } from '../voice/reports/dto/aspect-reports.dto.js';
import { MeScorecardDto, MyComplaintsQuery, SupplierComplaintPageDto } from './dto/me.dto.js';
import { complaintForSupplier, ledgerEntryForSupplier } from './me.mapper.js';

/** A supplier token names a supplier that is not (or no longer) on record. */
const UNKNOWN_SUPPLIER = new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`);

/** The supplier the token speaks for: never one named in the request. */
function own(principal: Principal): string {
  return principal.supplierId!;
}

/**
 * The supplier's own view (PRODUCT.md, "The supplier's own view and appeals"): its record,
 * standing, history, decisions and reviews, for the supplier the token speaks for only. What a
 * person decided says "category manager"; nothing names a shopper.
 */
@ApiTags('me')
@Controller('v1/me')
export class MeController {
  constructor(
    private readonly suppliers: SuppliersService,
    private readonly scorecards: ScorecardService,
    private readonly projections: SupplierProjectionService,
    private readonly history: ScoreHistoryService,
    private readonly decisions: DecisionsService,
    private readonly reviews: ReviewsService,
    private readonly appeals: AppealsService,
    private readonly ledger: LedgerReadsService,
    private readonly complaints: ComplaintsService,
    private readonly aspects: AspectReportsService,
  ) {}

  @Get('supplier')
  @Roles('supplier')
  @ApiOperation({
    summary: 'Your supplier record and standing',
    description: 'The supplier the token speaks for: its status, tier, probation end, hold and audit standing.',
  })
  @ApiOkResponse({ type: SupplierResponseDto })
  @ApiProblems(UNKNOWN_SUPPLIER)
  async supplier(@CurrentPrincipal() principal: Principal): Promise<SupplierResponseDto> {
    return supplierToResponse(await this.suppliers.getVisible(own(principal), principal));
  }

  @Get('scorecard')
  @Roles('supplier')
  @ApiOperation({
    summary: 'Your scorecard if scored today (or as of a date), and what the next run would decide',
    description:
      'Your rolling windows and evaluation computed live, with the decision a scoring run dated `asOf` would make from where you stand, the same rules the runs apply, and the next step from there.',
  })
  @ApiOkResponse({ type: MeScorecardDto })
  @ApiProblems(NO_SUCH_DATE, AS_OF_OUT_OF_RANGE, UNKNOWN_SUPPLIER)
  async scorecard(@Query() { asOf }: AsOfQuery, @CurrentPrincipal() principal: Principal): Promise<MeScorecardDto> {
    const card = await this.scorecards.scorecard(own(principal), asOf, principal);
    const p = await this.projections.project(own(principal), card.asOf, principal);
    const projection = {
      decision: p.decision,
      status: p.status,
      tier: p.tier,
      probationEndsAt: p.probationEndsAt,
      reason: p.reason,
      nextStep: p.nextStep,
    };
    return { ...scorecardToResponse(card), projection };
  }

  @Get('aspects')
  @Roles('supplier')
  @ApiOperation({
    summary: "What your reviews are about: each aspect's mentions and negative share, against the previous window",
    description: "The same report managers read at /v1/suppliers/{id}/aspects: counts only, never the customers' words.",
  })
  @ApiOkResponse({ type: SupplierAspectsDto })
  @ApiProblems(REPORT_WINDOW_PROBLEMS, UNKNOWN_SUPPLIER)
  async aspectsOf(@Query() window: ReportWindowQuery, @CurrentPrincipal() principal: Principal): Promise<SupplierAspectsDto> {
    return aspectsReportToResponse(await this.aspects.supplierAspects(own(principal), window, principal));
  }

  @Get('history')
  @Roles('supplier')
  @ApiOperation({
    summary: 'Your score history: one point per scoring run',
    description: 'The same points managers read at /v1/suppliers/{id}/history.',
  })
  @ApiOkResponse({ type: HistoryDto })
  @ApiProblems(HISTORY_RANGE_PROBLEMS, UNKNOWN_SUPPLIER)
  async historyOf(@Query() { from, to }: HistoryQuery, @CurrentPrincipal() principal: Principal): Promise<HistoryDto> {
    return this.history.history(own(principal), from, to, principal);
  }

  @Get('decisions')
  @Roles('supplier')
  @ApiOperation({
    summary: 'Decisions about you, newest first',
    description: 'Each with its evidence, reason and next step; a decision made by a person says "category manager".',
  })
  @ApiOkResponse({ type: DecisionPageDto })
  @ApiProblems(INVALID_CURSOR, UNKNOWN_SUPPLIER)
  async decisionsOf(@Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<DecisionPageDto> {
    const supplier = await this.suppliers.getVisible(own(principal), principal);
    const result = await this.decisions.listForSupplier(supplier.id, page.limit ?? DEFAULT_LIMIT, page.cursor);
    return { items: result.items.map((d) => decisionToResponse(decisionForSupplier(d))), nextCursor: result.nextCursor };
  }

  @Get('reviews')
  @Roles('supplier')
  @ApiOperation({
    summary: 'Your reviews, newest first, with whether each counts',
    description: 'excluded=true lists only reviews excluded from every window (with the reason), excluded=false only those that count.',
  })
  @ApiOkResponse({ type: ReviewPageDto })
  @ApiProblems(invalid('excluded', 'must be true or false'), INVALID_CURSOR, UNKNOWN_SUPPLIER)
  async reviewsOf(@Query() query: ListReviewsQuery, @CurrentPrincipal() principal: Principal): Promise<ReviewPageDto> {
    const supplier = await this.suppliers.getVisible(own(principal), principal);
    const page = await this.reviews.listForSupplier(supplier.id, query);
    return { items: page.items.map(reviewToResponse), nextCursor: page.nextCursor };
  }

  @Get('appeals')
  @Roles('supplier')
  @ApiOperation({
    summary: 'Your appeals, oldest first',
    description: 'Each with its target, deadline and ruling; who ruled reads "category manager".',
  })
  @ApiOkResponse({ type: AppealPageDto })
  @ApiProblems(INVALID_CURSOR)
  async appealsOf(@Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<AppealPageDto> {
    const result = await this.appeals.list({ limit: page.limit, cursor: page.cursor }, principal);
    const now = new Date();
    return { items: result.items.map((r) => appealToResponse(r, now, true)), nextCursor: result.nextCursor };
  }

  @Get('ledger')
  @Roles('supplier')
  @ApiOperation({
    summary: 'Your advance-compensation ledger, newest first, with your balances per currency',
    description: 'Compensation paid on your complaints, what was charged to you, settled and waived; who acted reads "category manager".',
  })
  @ApiOkResponse({ type: LedgerPageDto })
  @ApiProblems(INVALID_CURSOR, UNKNOWN_SUPPLIER)
  async ledgerOf(@Query() page: PageQueryDto, @CurrentPrincipal() principal: Principal): Promise<LedgerPageDto> {
    const result = await this.ledger.ofSupplier(own(principal), principal, page.limit ?? DEFAULT_LIMIT, page.cursor);
    const items = result.items.map(entryToResponse).map(ledgerEntryForSupplier);
    return { items, nextCursor: result.nextCursor, balances: result.balances.map(balanceToResponse) };
  }

  @Get('complaints')
  @Roles('supplier')
  @ApiOperation({
    summary: 'Complaints about you, in intake order',
    description:
      'Each with its order reference, kind, deadlines, steps, fault and the compensation paid; never the customer’s own words. status= and overdue=true filter as for managers.',
  })
  @ApiOkResponse({ type: SupplierComplaintPageDto })
  @ApiProblems(invalid('status', 'must be one of the following values: ' + COMPLAINT_STATUSES.join(', ')), INVALID_CURSOR, UNKNOWN_SUPPLIER)
  async complaintsOf(@Query() query: MyComplaintsQuery, @CurrentPrincipal() principal: Principal): Promise<SupplierComplaintPageDto> {
    const supplier = await this.suppliers.getVisible(own(principal), principal);
    const page = await this.complaints.list({ ...query, supplierId: supplier.id }, principal);
    const paid = await this.complaints.compensationOf(page.items);
    const now = new Date();
    return {
      items: page.items.map((c) => complaintForSupplier(complaintToResponse(c, now, paid.get(c.id) ?? []))),
      nextCursor: page.nextCursor,
    };
  }
}
