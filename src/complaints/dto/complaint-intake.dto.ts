import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { EXAMPLE } from '../../common/http/examples.js';
import { FieldErrorDto } from '../../common/http/problem.dto.js';
import { validationFailed } from '../../common/http/validation.js';
import { COMPLAINT_CATEGORIES, SEVERITIES } from '../domain/complaint.js';
import { DEFAULT_COMPLAINT_SOURCE, MAX_COMPLAINT_BATCH, MAX_DESCRIPTION_LENGTH, MAX_REF_LENGTH } from '../domain/complaint-item.js';

/** An amount in a currency: at most the currency's minor digits (2 for CNY, USD, EUR; 0 for JPY). */
export class AmountDto {
  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'string', pattern: '^\\d+(\\.\\d+)?$' }],
    example: 320.5,
    description: "Positive, with at most the currency's minor digits; a JSON number or a decimal string",
  })
  amount: number | string;

  @ApiProperty({ example: 'CNY', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' })
  currency: string;
}

/** One complaint. Checked field by field by `domain/complaint-item.ts`, alone or in a batch. */
export class ComplaintItemDto {
  @ApiPropertyOptional({
    example: DEFAULT_COMPLAINT_SOURCE,
    default: DEFAULT_COMPLAINT_SOURCE,
    pattern: '^[a-z0-9][a-z0-9_.-]{0,63}$',
    description: 'Origin system; (source, externalId) identifies a complaint',
  })
  source?: string;

  @ApiProperty({ example: 'SD-2026-000123', maxLength: MAX_REF_LENGTH, description: 'The complaint in the origin system' })
  externalId: string;

  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE.supplierId, description: 'The supplier, by id (or give supplierRef, not both)' })
  supplierId?: string;

  @ApiPropertyOptional({ example: 'HTL-000123', maxLength: 128, description: 'The supplier, by its externalRef (or give supplierId)' })
  supplierRef?: string;

  @ApiProperty({ example: 'ORD-88412', maxLength: MAX_REF_LENGTH, description: 'The booking; the only customer reference events carry' })
  orderRef: string;

  @ApiProperty({
    example: '2026-11-24T08:15:00Z',
    description: 'When the customer complained: a timestamp with a time zone, from 2000-01-01, not in the future (422)',
  })
  openedAt: string;

  @ApiProperty({ enum: COMPLAINT_CATEGORIES, example: 'CLEANLINESS' })
  complaintCategory: string;

  @ApiPropertyOptional({ enum: SEVERITIES, default: 'MEDIUM', example: 'HIGH' })
  severity?: string;

  @ApiProperty({
    example: 'Room not cleaned on arrival; bathroom dirty.',
    maxLength: MAX_DESCRIPTION_LENGTH,
    description: 'What the customer said; never sent to the supplier in events',
  })
  description: string;

  @ApiPropertyOptional({ type: AmountDto, description: 'What the customer claims, if anything' })
  claimedAmount?: AmountDto;
}

export class ComplaintBatchDto {
  @ApiProperty({
    type: [ComplaintItemDto],
    maxItems: MAX_COMPLAINT_BATCH,
    description: `At most ${MAX_COMPLAINT_BATCH} items (413 beyond)`,
    example: [
      {
        source: 'service-desk',
        externalId: 'SD-2026-000124',
        supplierRef: 'HTL-000123',
        orderRef: 'ORD-88413',
        openedAt: '2026-11-24T09:00:00Z',
        complaintCategory: 'STAFF_CONDUCT',
        severity: 'MEDIUM',
        description: 'Front desk refused to store luggage.',
      },
      {
        externalId: 'SD-2026-000125',
        supplierRef: 'HTL-000123',
        orderRef: 'ORD-88414',
        openedAt: '2026-11-24T10:30:00Z',
        complaintCategory: 'OVERBOOKED',
        description: 'No room on arrival.',
        claimedAmount: { amount: 450, currency: 'CNY' },
      },
    ],
  })
  complaints: unknown[];
}

/** The batch's items, or a 400 naming what is wrong with the body's shape. */
export function complaintBatchItems(body: object | undefined = {}): unknown[] {
  const fields = Object.keys(body)
    .filter((key) => key !== 'complaints')
    .map((field) => ({ field, message: 'is not a known field' }));
  const items = (body as { complaints?: unknown }).complaints;
  if (!Array.isArray(items)) fields.unshift({ field: 'complaints', message: items === undefined ? 'is required' : 'must be an array' });
  if (fields.length > 0) throw validationFailed(fields);
  return items as unknown[];
}

export class RejectedComplaintDto {
  @ApiProperty({ example: 1, description: 'Position of the item in the batch' }) index: number;
  @ApiProperty({ type: String, nullable: true, example: 'SD-2026-000125' }) externalId: string | null;
  @ApiProperty({ type: [FieldErrorDto] }) errors: FieldErrorDto[];
}

export class ComplaintBatchResultDto {
  @ApiProperty({ example: 998, description: 'New complaints stored' }) accepted: number;
  @ApiProperty({ example: 1, description: 'Repeats with the same content: nothing changed' }) duplicates: number;
  @ApiProperty({
    type: [RejectedComplaintDto],
    description: 'Bad items, and repeats of a stored complaint with other content (a complaint is not rewritten by intake)',
  })
  rejected: RejectedComplaintDto[];
}
