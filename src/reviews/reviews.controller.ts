import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, invalid, INVALID_CURSOR, INVALID_ID, thrownBy } from '../common/http/api-problems.decorator.js';
import { EXAMPLE } from '../common/http/examples.js';
import { IdParam } from '../common/http/id.param.js';
import { SupplierException, SupplierExceptionCode } from '../suppliers/supplier.exception.js';
import { SuppliersService } from '../suppliers/suppliers.service.js';
import { MAX_BATCH_ITEMS } from './domain/review-item.js';
import { ExcludeReviewDto, RevertExclusionDto } from './dto/exclusion.dto.js';
import { ListReviewsQuery } from './dto/list-reviews.query.js';
import { ReviewBatchDto, reviewBatchItems, ReviewBatchResultDto } from './dto/review-batch.dto.js';
import { ReviewDetailDto, ReviewPageDto } from './dto/review-response.dto.js';
import { ReviewException, ReviewExceptionCode } from './review.exception.js';
import { reviewToResponse } from './review.mapper.js';
import { ReviewIngestionService } from './review-ingestion.service.js';
import type { Review } from './review-reads.repository.js';
import { ReviewsService } from './reviews.service.js';

const NOT_FOUND = new ReviewException(ReviewExceptionCode.REVIEW_NOT_FOUND, `Review ${EXAMPLE.reviewId} does not exist`);
const OTHER_CATEGORY = categoryRefusal('tour');
const REASON_TOO_SHORT = invalid('reason', 'must be longer than or equal to 3 characters');

@ApiTags('reviews')
@Controller()
export class ReviewsController {
  constructor(
    private readonly ingestion: ReviewIngestionService,
    private readonly reviews: ReviewsService,
    private readonly suppliers: SuppliersService,
  ) {}

  @Post('v1/reviews/batch')
  @HttpCode(200)
  @Roles('integration', 'admin')
  @ApiOperation({
    summary: 'Store up to 5,000 reviews; idempotent on (source, externalId); bad items are reported one by one',
    description:
      'Stores each valid item, reports each invalid one with its index and reasons, and answers 200 for the batch. A review is identified by (source, externalId): the same content again is a duplicate, changed content an update. Suppliers are named by supplierId or by supplierRef (their externalRef). More than 5,000 items → 413.',
  })
  @ApiOkResponse({ type: ReviewBatchResultDto })
  @ApiProblems(
    thrownBy(() => reviewBatchItems({ items: [] })),
    new ReviewException(ReviewExceptionCode.BATCH_TOO_LARGE, `A batch holds at most ${MAX_BATCH_ITEMS} reviews (got 5200); split it`, [
      { field: 'reviews', message: `must hold at most ${MAX_BATCH_ITEMS} items` },
    ]),
  )
  @ApiBody({ type: ReviewBatchDto })
  // The body is checked by hand (reviewBatchItems) and each item by the domain validator: the
  // global pipe's deep copy of 5,000 items cost more than storing them.
  async batch(@Body() body: object | undefined): Promise<ReviewBatchResultDto> {
    return this.ingestion.ingest(reviewBatchItems(body));
  }

  @Get('v1/reviews/:id')
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'One review, with its exclusion history',
    description: 'A stored review with whether it counts, and every exclusion and revert of it, oldest first.',
  })
  @ApiOkResponse({ type: ReviewDetailDto })
  @ApiProblems(INVALID_ID, OTHER_CATEGORY, NOT_FOUND)
  async get(@Param() { id }: IdParam, @CurrentPrincipal() principal: Principal): Promise<ReviewDetailDto> {
    return this.detail(await this.reviews.get(id, principal));
  }

  @Post('v1/reviews/:id/exclusion')
  @HttpCode(200)
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Dispute: exclude a review the supplier could not have caused from every window (reason required)',
    description:
      "A manager's ruling in a dispute: the review leaves every scoring window from now on. The reason is kept in the exclusion log; the exclusion can be reverted.",
  })
  @ApiOkResponse({ type: ReviewDetailDto })
  @ApiProblems(
    INVALID_ID,
    REASON_TOO_SHORT,
    OTHER_CATEGORY,
    NOT_FOUND,
    new ReviewException(
      ReviewExceptionCode.ALREADY_EXCLUDED,
      `Review ${EXAMPLE.reviewId} is already excluded (Complains about the weather, which the supplier cannot influence)`,
    ),
  )
  async exclude(
    @Param() { id }: IdParam,
    @Body() body: ExcludeReviewDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReviewDetailDto> {
    return this.detail(await this.reviews.exclude(id, body.reason, principal));
  }

  @Delete('v1/reviews/:id/exclusion')
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: 'Revert an exclusion: the review counts again',
    description: 'Undoes an exclusion: the review counts in its windows again. An optional reason is logged.',
  })
  @ApiOkResponse({ type: ReviewDetailDto })
  @ApiProblems(
    INVALID_ID,
    invalid('reason', 'must be shorter than or equal to 2000 characters'),
    OTHER_CATEGORY,
    NOT_FOUND,
    new ReviewException(ReviewExceptionCode.NOT_EXCLUDED, `Review ${EXAMPLE.reviewId} is not excluded`),
  )
  async revert(
    @Param() { id }: IdParam,
    @Body() body: RevertExclusionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReviewDetailDto> {
    return this.detail(await this.reviews.revert(id, body?.reason, principal));
  }

  @Get('v1/suppliers/:id/reviews')
  @Roles('admin', 'category_manager')
  @ApiOperation({
    summary: "A supplier's reviews, newest first",
    description:
      "The supplier's reviews by review time, the newest first; excluded=true lists only excluded ones, excluded=false only those that count.",
  })
  @ApiOkResponse({ type: ReviewPageDto })
  @ApiProblems(
    INVALID_ID,
    invalid('excluded', 'must be true or false'),
    INVALID_CURSOR,
    OTHER_CATEGORY,
    new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, `Supplier ${EXAMPLE.supplierId} does not exist`),
  )
  async listForSupplier(
    @Param() { id }: IdParam,
    @Query() query: ListReviewsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReviewPageDto> {
    await this.suppliers.getVisible(id, principal);
    const page = await this.reviews.listForSupplier(id, query);
    return { items: page.items.map(reviewToResponse), nextCursor: page.nextCursor };
  }

  private async detail(review: Review): Promise<ReviewDetailDto> {
    return { ...reviewToResponse(review), exclusionLog: await this.reviews.exclusionLog(review.id) };
  }
}
