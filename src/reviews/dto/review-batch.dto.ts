import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { EXAMPLE } from '../../common/http/examples.js';
import { FieldErrorDto } from '../../common/http/problem.dto.js';
import { validationFailed } from '../../common/http/validation.js';
import { MAX_BATCH_ITEMS, MAX_TEXT_LENGTH, MAX_TITLE_LENGTH } from '../domain/review-item.js';

/** One review of a batch. Items are checked one by one (see `domain/review-item.ts`), so a bad item is reported, not fatal. */
export class ReviewItemDto {
  @ApiPropertyOptional({ example: 'platform', default: 'platform', description: 'Origin system; (source, externalId) identifies a review' })
  source?: string;

  @ApiProperty({ example: 'rv-000123', maxLength: 200 })
  externalId: string;

  @ApiPropertyOptional({ format: 'uuid', example: EXAMPLE.supplierId, description: 'The supplier, by id (or give supplierRef, not both)' })
  supplierId?: string;

  @ApiPropertyOptional({
    example: 'HTL-000123',
    maxLength: 128,
    description: 'The supplier, by its externalRef (or give supplierId); no control characters',
  })
  supplierRef?: string;

  @ApiProperty({ example: 5, minimum: 1, maximum: 5, description: 'Integer 1..5' })
  rating: number;

  @ApiProperty({ example: '2026-10-01T09:30:00Z', description: 'When the review was left; not in the future' })
  reviewedAt: string;

  @ApiPropertyOptional({ example: 'Great location', maxLength: MAX_TITLE_LENGTH })
  title?: string;

  @ApiPropertyOptional({ example: 'Friendly staff, clean rooms.', maxLength: MAX_TEXT_LENGTH })
  text?: string;

  @ApiPropertyOptional({ example: 'room-deluxe-double', maxLength: 200 })
  productRef?: string;
}

export class ReviewBatchDto {
  @ApiProperty({
    type: [ReviewItemDto],
    maxItems: MAX_BATCH_ITEMS,
    description: `At most ${MAX_BATCH_ITEMS} items (413 beyond)`,
    example: [
      {
        source: 'platform',
        externalId: 'rv-000123',
        supplierRef: 'HTL-000123',
        rating: 5,
        reviewedAt: '2026-10-01T09:30:00Z',
        title: 'Great location',
        text: 'Friendly staff, clean rooms.',
        productRef: 'room-deluxe-double',
      },
      { externalId: 'rv-000124', supplierRef: 'HTL-000123', rating: 2, reviewedAt: '2026-10-02T18:05:00Z', text: 'Noisy at night.' },
    ],
  })
  reviews: unknown[];
}

/**
 * The batch's items, or a 400 naming what is wrong with the body's shape. The input boundary
 * lets only a JSON object or no body at all through; no body is a batch without `reviews`.
 */
export function reviewBatchItems(body: object | undefined = {}): unknown[] {
  const fields = Object.keys(body)
    .filter((key) => key !== 'reviews')
    .map((field) => ({ field, message: 'is not a known field' }));
  const reviews = (body as { reviews?: unknown }).reviews;
  if (!Array.isArray(reviews)) fields.unshift({ field: 'reviews', message: reviews === undefined ? 'is required' : 'must be an array' });
  if (fields.length > 0) throw validationFailed(fields);
  return reviews as unknown[];
}

export class RejectedReviewDto {
  @ApiProperty({ example: 3, description: 'Position of the item in the batch' }) index: number;
  @ApiProperty({ type: String, nullable: true, example: 'rv-000126' }) externalId: string | null;
  @ApiProperty({ type: [FieldErrorDto] }) errors: FieldErrorDto[];
}

export class ReviewBatchResultDto {
  @ApiProperty({ example: 4990, description: 'New reviews stored' }) accepted: number;
  @ApiProperty({ example: 3, description: 'Repeats with the same content: nothing changed' }) duplicates: number;
  @ApiProperty({ example: 2, description: 'Repeats with changed content: stored, windows follow' }) updated: number;
  @ApiProperty({ type: [RejectedReviewDto] }) rejected: RejectedReviewDto[];
}
