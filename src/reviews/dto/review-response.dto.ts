import { ApiProperty } from '@nestjs/swagger';

import { EXAMPLE } from '../../common/http/examples.js';

export class ReviewResponseDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.reviewId }) id: string;
  @ApiProperty({ example: 'platform' }) source: string;
  @ApiProperty({ example: 'rv-000123' }) externalId: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ example: 2 }) rating: number;
  @ApiProperty({ format: 'date-time', example: '2026-10-01T09:30:00.000Z' }) reviewedAt: string;
  @ApiProperty({ type: String, nullable: true, example: 'Great location' }) title: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Friendly staff, but the room was noisy.' }) text: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'room-deluxe-double' }) productRef: string | null;
  @ApiProperty({ example: false, description: 'Excluded reviews count in no window' }) excluded: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) excludedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) excludedReason: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-10-01T09:31:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-10-01T09:31:00.000Z' }) updatedAt: string;
}

export class ReviewPageDto {
  @ApiProperty({ type: [ReviewResponseDto] }) items: ReviewResponseDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class ExclusionLogEntryDto {
  @ApiProperty({ enum: ['EXCLUDED', 'REVERTED'], example: 'EXCLUDED' }) action: string;
  @ApiProperty({ type: String, nullable: true, example: 'Complains about the weather, which the supplier cannot influence' })
  reason: string | null;
  @ApiProperty({ example: EXAMPLE.actor }) actor: string;
  @ApiProperty({ format: 'date-time', example: '2026-10-02T08:00:00.000Z' }) at: string;
}

export class ReviewDetailDto extends ReviewResponseDto {
  @ApiProperty({ type: [ExclusionLogEntryDto], description: 'Every exclusion and revert, oldest first' })
  exclusionLog: ExclusionLogEntryDto[];
}
