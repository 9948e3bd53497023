import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, type StreamableFile } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { Roles } from '../common/auth/access.decorator.js';
import { categoryRefusal } from '../common/auth/category-access.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, invalid, INVALID_CURSOR, INVALID_ID, thrownBy } from '../common/http/api-problems.decorator.js';
import { ApiJsonOrCsvResponse, CSV_PAGE_SIZE, csvFile, keysetPages, wantsCsv } from '../common/http/csv.js';
import { IdParam } from '../common/http/id.param.js';
import { SupplierException, SupplierExceptionCode } from '../suppliers/supplier.exception.js';
import { ComplaintException, ComplaintExceptionCode } from './complaint.exception.js';
import { COMPLAINT_CSV, complaintToResponse } from './complaint.mapper.js';
import { ComplaintIntakeService } from './complaint-intake.service.js';
import { ComplaintSlaService } from './complaint-sla.service.js';
import { ComplaintsService } from './complaints.service.js';
import { type Complaint, COMPLAINT_STATUSES } from './domain/complaint.js';
import { MAX_COMPLAINT_BATCH } from './domain/complaint-item.js';
import { ComplaintBatchDto, complaintBatchItems, ComplaintBatchResultDto, ComplaintItemDto } from './dto/complaint-intake.dto.js';
import { ListComplaintsQuery, SlaQuery } from './dto/complaint-queries.dto.js';
import { ComplaintPageDto, ComplaintResponseDto, EXAMPLE_COMPLAINT_ID, SlaReportDto } from './dto/complaint-response.dto.js';

const OTHER_CATEGORY = categoryRefusal('tour');
const COMPLAINT_CSV_EXAMPLE =
  'id,source,externalId,supplierId,supplierName,category,orderRef,openedAt,complaintCategory,severity,description,claimedAmount,status,policyVersion,respondBy,resolveBy,respondedAt,resolvedAt,fault,resolution,withdrawnAt,overdue,compensation,createdAt\r\n' +
  `${EXAMPLE_COMPLAINT_ID},service-desk,SD-2026-000123,01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f70,Hotel Russo Palace,hotel,ORD-88120,2026-11-20T21:05:00.000Z,CLEANLINESS,HIGH,Room not cleaned,"{""amount"":120,""currency"":""CNY""}",OPEN,3,2026-11-21T21:05:00.000Z,2026-11-23T21:05:00.000Z,,,,,,"{""response"":false,""resolution"":false}",[],2026-11-20T21:05:03.000Z\r\n`;
export const COMPLAINT_NOT_FOUND = new ComplaintException(
  ComplaintExceptionCode.COMPLAINT_NOT_FOUND,
  `Complaint ${EXAMPLE_COMPLAINT_ID} does not exist`,
);

@ApiTags('complaints')
@Controller('v1/complaints')
export class ComplaintsController {
  constructor(
    private readonly intake: ComplaintIntakeService,
    private readonly complaints: ComplaintsService,
    private readonly sla: ComplaintSlaService,
  ) {}

  @Post()
  @Roles('integration', 'admin', 'category_manager')
  @ApiOperation({
    summary: 'Open a complaint about a supplier; idempotent on (source, externalId)',
    description:
      "201 with the new complaint; 200 with the stored one when the same complaint (same content) was sent before. The same key with other content is refused (409 naming the fields): a stored complaint changes through its lifecycle, not by intake. respondBy and resolveBy come from the supplier's category's policy. A category manager may open complaints only about suppliers of its categories.",
  })
  @ApiCreatedResponse({ type: ComplaintResponseDto, description: 'Created' })
  @ApiOkResponse({ type: ComplaintResponseDto, description: 'A duplicate: the stored complaint' })
  @ApiExtraModels(ComplaintItemDto)
  @ApiBody({
    // One example with supplierRef only (a complaint names its supplier one way).
    schema: {
      allOf: [{ $ref: getSchemaPath(ComplaintItemDto) }],
      example: {
        source: 'service-desk',
        externalId: 'SD-2026-000123',
        supplierRef: 'HTL-000123',
        orderRef: 'ORD-88412',
        openedAt: '2026-11-24T08:15:00Z',
        complaintCategory: 'CLEANLINESS',
        severity: 'HIGH',
        description: 'Room not cleaned on arrival; bathroom dirty.',
        claimedAmount: { amount: 320.5, currency: 'CNY' },
      },
    },
  })
  @ApiProblems(
    invalid('complaintCategory', 'is required'),
    OTHER_CATEGORY,
    new SupplierException(SupplierExceptionCode.SUPPLIER_NOT_FOUND, 'Supplier with externalRef "HTL-000999" does not exist', [
      { field: 'supplierRef', message: 'no supplier has this externalRef' },
    ]),
    new ComplaintException(
      ComplaintExceptionCode.CHANGED_DUPLICATE,
      'Complaint service-desk/SD-2026-000123 exists with other content (severity); a stored complaint is changed through its lifecycle, not by sending it again',
      [{ field: 'severity', message: 'differs from the stored complaint' }],
    ),
    new ComplaintException(ComplaintExceptionCode.INVALID_COMPLAINT, 'openedAt must not be in the future', [
      { field: 'openedAt', message: 'must not be in the future' },
    ]),
  )
  async create(
    @Body() body: object | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintResponseDto> {
    const { complaint, created } = await this.intake.create(body ?? {}, principal);
    res.status(created ? 201 : 200);
    return (await this.views([complaint]))[0];
  }

  @Post('batch')
  @HttpCode(200)
  @Roles('integration', 'admin')
  @ApiOperation({
    summary: 'Store up to 1,000 complaints; idempotent on (source, externalId); bad items are reported one by one',
    description:
      'Stores each valid item and reports each invalid one with its index and reasons (a repeat with other content among them), answering 200 for the batch. More than 1,000 items → 413.',
  })
  @ApiOkResponse({ type: ComplaintBatchResultDto })
  @ApiBody({ type: ComplaintBatchDto })
  @ApiProblems(
    thrownBy(() => complaintBatchItems({ items: [] })),
    new ComplaintException(
      ComplaintExceptionCode.BATCH_TOO_LARGE,
      `A batch holds at most ${MAX_COMPLAINT_BATCH} complaints (got 1200); split it`,
      [{ field: 'complaints', message: `must hold at most ${MAX_COMPLAINT_BATCH} items` }],
    ),
  )
  async batch(@Body() body: object | undefined, @CurrentPrincipal() principal: Principal): Promise<ComplaintBatchResultDto> {
    return this.intake.ingest(complaintBatchItems(body), principal.sub);
  }

  @Get()
  @Roles('integration', 'admin', 'category_manager')
  @ApiOperation({
    summary: 'List complaints in intake order, filtered by category, supplier, status and overdue',
    description:
      "category filters by the supplier's category; overdue=true keeps the complaints overdue at the moment of the request. A category manager limited to some categories sees only theirs (another category → 403). Accept: text/csv exports the whole list.",
  })
  @ApiJsonOrCsvResponse(ComplaintPageDto, COMPLAINT_CSV_EXAMPLE)
  @ApiProblems(invalid('status', 'must be one of the following values: ' + COMPLAINT_STATUSES.join(', ')), INVALID_CURSOR, OTHER_CATEGORY)
  async list(
    @Query() query: ListComplaintsQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
  ): Promise<ComplaintPageDto | StreamableFile> {
    const first = await this.complaints.list(wantsCsv(request) ? { ...query, limit: CSV_PAGE_SIZE } : query, principal);
    if (!wantsCsv(request)) return { items: await this.views(first.items), nextCursor: first.nextCursor };
    // The first page was read to check the query (403, a bad cursor) before the download starts.
    const pages = keysetPages(async (cursor) => {
      const page = cursor === undefined ? first : await this.complaints.list({ ...query, limit: CSV_PAGE_SIZE, cursor }, principal);
      return { items: await this.views(page.items), nextCursor: page.nextCursor };
    });
    return csvFile('complaints', COMPLAINT_CSV, pages);
  }

  @Get('sla')
  @Roles('admin', 'category_manager', 'integration')
  @ApiOperation({
    summary: "A category's complaint SLA: share answered in time against the 100% target, median and p90 response, overdue now",
    description:
      "Over the complaints opened on the inclusive UTC dates from..to (withdrawn ones left out); overdueNow counts the category's complaints overdue at the moment of the request, whenever opened. Rates are null when none was opened; median and p90 are nearest-rank, over the complaints answered.",
  })
  @ApiOkResponse({ type: SlaReportDto })
  @ApiProblems(
    invalid('from', 'must be a date written YYYY-MM-DD'),
    OTHER_CATEGORY,
    new ComplaintException(ComplaintExceptionCode.INVALID_PERIOD, 'from 2026-11-24 is after to 2026-11-01', [
      { field: 'from', message: 'must not be after to (2026-11-01)' },
    ]),
  )
  async report(@Query() query: SlaQuery, @CurrentPrincipal() principal: Principal): Promise<SlaReportDto> {
    return this.sla.report(query, principal);
  }

  @Get(':id')
  @Roles('integration', 'admin', 'category_manager')
  @ApiOperation({
    summary: 'One complaint',
    description: 'With its deadlines, whether each is overdue now, and the compensation paid on it.',
  })
  @ApiOkResponse({ type: ComplaintResponseDto })
  @ApiProblems(INVALID_ID, OTHER_CATEGORY, COMPLAINT_NOT_FOUND)
  async get(@Param() { id }: IdParam, @CurrentPrincipal() principal: Principal): Promise<ComplaintResponseDto> {
    return (await this.views([await this.complaints.get(id, principal)]))[0];
  }

  private async views(complaints: Complaint[]): Promise<ComplaintResponseDto[]> {
    const now = new Date();
    const paid = await this.complaints.compensationOf(complaints);
    return complaints.map((c) => complaintToResponse(c, now, paid.get(c.id) ?? []));
  }
}
