import { ApiProperty } from '@nestjs/swagger';

import { EXAMPLE } from '../../common/http/examples.js';

export class ReviewAspectDto {
  @ApiProperty({ example: 'noise', description: "An aspect key of the category's taxonomy" }) key: string;
  @ApiProperty({ enum: ['POSITIVE', 'NEGATIVE', 'NEUTRAL'], example: 'NEGATIVE' }) polarity: 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL';
  @ApiProperty({ example: 'the room was noisy', description: 'The words the tag was read from' }) evidence: string;
}

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
  @ApiProperty({
    type: [ReviewAspectDto],
    description: 'What the review is about, one tag per aspect, as the tagger read it under aspectsPolicyVersion; [] while not tagged yet',
  })
  aspects: ReviewAspectDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3,
    description: "The version of the category's policy whose taxonomy read the tags; null while the review waits for the tagger",
  })
  aspectsPolicyVersion: number | null;
}

export class ReviewPageDto {
  @ApiProperty({ type: [ReviewResponseDto] }) items: ReviewResponseDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class ExclusionLogEntryDto {
  @ApiProperty({ enum: ['EXCLUDED', 'REVERTED'], example: 'EXCLUDED' }) action: string;
  @ApiProperty({ type: String, nullable: true, example: 'Complains about the weather, which the supplier cannot influence' })
  reason: string | null;
  @ApiProperty({ example: EXAMPLE.actor, description: 'Who did it; `rule:auto-exclusion` for the exclusion rule' }) actor: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'The rule that made (or proposed) the exclusion: NON_CONTROLLABLE_ASPECTS; null for a person’s own',
  })
  rule: string | null;
  @ApiProperty({
    type: [String],
    nullable: true,
    example: null,
    description: 'The aspects the rule read (e.g. ["weather"]); null without a rule',
  })
  aspects: string[] | null;
  @ApiProperty({ format: 'date-time', example: '2026-10-02T08:00:00.000Z' }) at: string;
}

export class ReviewDetailDto extends ReviewResponseDto {
  @ApiProperty({ type: [ExclusionLogEntryDto], description: 'Every exclusion and revert, oldest first' })
  exclusionLog: ExclusionLogEntryDto[];
}
