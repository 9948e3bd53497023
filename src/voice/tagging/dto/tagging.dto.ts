import { ApiProperty } from '@nestjs/swagger';

export class TaggingStatusDto {
  @ApiProperty({ example: 1200, description: 'Reviews waiting to be tagged (new, updated, or queued by a retag)' })
  pending: number;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-11-25T09:59:58.000Z',
    description: 'When the review waiting longest was queued; null when none waits',
  })
  oldestEnqueuedAt: string | null;

  @ApiProperty({
    example: 2.4,
    description: 'Seconds the review waiting longest has waited: how far behind the tagger is (0 when none waits)',
  })
  lagSeconds: number;
}

export class RetagResultDto {
  @ApiProperty({ example: 'hotel' })
  category: string;

  @ApiProperty({ example: 3, description: "The policy version whose taxonomy the tagger reads (the category's latest when tagged)" })
  policyVersion: number;

  @ApiProperty({ example: 48210, description: "The category's reviews now waiting to be retagged (those already waiting included)" })
  queued: number;
}
