import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

import { CATEGORY_PATTERN } from '../../../common/category-slug.js';
import { EXAMPLE } from '../../../common/http/examples.js';
import { IsReason } from '../../../common/http/validators.js';
import { PageQueryDto } from '../../../common/pagination/page.js';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../exclusion-proposals.repository.js';

export class ProposalResponseDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.proposalId }) id: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE.reviewId }) reviewId: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ example: 'Hotel Russo Palace', description: "The supplier's name" }) supplierName: string;
  @ApiProperty({ example: 'hotel' }) category: string;
  @ApiProperty({ type: [String], example: ['weather'], description: 'The non-controllable aspects every negative mention was of' })
  aspects: string[];
  @ApiProperty({ example: 3, description: 'The policy version whose taxonomy read the tags' }) policyVersion: number;
  @ApiProperty({ enum: PROPOSAL_STATUSES, example: 'PENDING' }) status: ProposalStatus;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why it was accepted or rejected; null while pending' })
  reason: string | null;
  @ApiProperty({ format: 'date-time', example: EXAMPLE.createdAt }) createdAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Who decided: a manager, or rule:auto-exclusion when the policy came to APPLY the rule',
  })
  decidedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) decidedAt: string | null;
}

export class ProposalPageDto {
  @ApiProperty({ type: [ProposalResponseDto] }) items: ProposalResponseDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class ListProposalsQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'hotel', description: 'A category manager sees its own categories only' })
  @IsOptional()
  @Matches(CATEGORY_PATTERN, { message: 'must be a category slug' })
  category?: string;

  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES, example: 'PENDING' })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: ProposalStatus;
}

export class AcceptProposalDto {
  @ApiPropertyOptional({
    example: 'Only the rain is criticised',
    maxLength: 2000,
    description: 'Kept as the exclusion reason; default: the rule and the aspects it read',
  })
  @IsOptional()
  @IsReason()
  reason?: string;
}

export class RejectProposalDto {
  @ApiProperty({ example: 'The guest also says the roof leaked: that is the supplier’s', maxLength: 2000 })
  @IsReason()
  reason: string;
}
