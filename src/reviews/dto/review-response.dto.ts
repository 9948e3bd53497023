import { ApiProperty } from '@nestjs/swagger';

export class ReviewResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'platform' }) source: string;
  @ApiProperty({ example: 'rv-000123' }) externalId: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ example: 2 }) rating: number;
  @ApiProperty({ example: '2026-10-01T09:30:00.000Z' }) reviewedAt: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) text: string | null;
  @ApiProperty({ type: String, nullable: true }) productRef: string | null;
  @ApiProperty({ example: false, description: 'Excluded reviews count in no window' }) excluded: boolean;
  @ApiProperty({ type: String, nullable: true, example: null }) excludedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) excludedReason: string | null;
  @ApiProperty({ example: '2026-10-01T09:31:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-10-01T09:31:00.000Z' }) updatedAt: string;
}

export class ReviewPageDto {
  @ApiProperty({ type: [ReviewResponseDto] }) items: ReviewResponseDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class ExclusionLogEntryDto {
  @ApiProperty({ enum: ['EXCLUDED', 'REVERTED'] }) action: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ example: 'manager@example.com' }) actor: string;
  @ApiProperty({ example: '2026-10-02T08:00:00.000Z' }) at: string;
}

export class ReviewDetailDto extends ReviewResponseDto {
  @ApiProperty({ type: [ExclusionLogEntryDto], description: 'Every exclusion and revert, oldest first' })
  exclusionLog: ExclusionLogEntryDto[];
}
