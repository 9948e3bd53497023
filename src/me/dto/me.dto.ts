import { ApiProperty, OmitType } from '@nestjs/swagger';

import { ListComplaintsQuery } from '../../complaints/dto/complaint-queries.dto.js';
import { ComplaintResponseDto } from '../../complaints/dto/complaint-response.dto.js';
import { ScorecardDto } from '../../scoring/dto/scorecard.dto.js';
import { SUPPLIER_STATUSES, TIERS } from '../../suppliers/domain/supplier-lifecycle.js';

const SANCTION_KINDS = ['DELIST', 'REINSTATE', 'PENALTY', 'REWARD', 'WARNING'];

/** What a scoring run dated as the scorecard would do to the supplier as it stands now. */
export class ProjectionDto {
  @ApiProperty({
    enum: [...SANCTION_KINDS, null],
    nullable: true,
    example: null,
    description: 'The decision the run would make; null: none',
  })
  decision: string | null;
  @ApiProperty({ enum: SUPPLIER_STATUSES, example: 'ACTIVE', description: 'The status it would leave the supplier in' }) status: string;
  @ApiProperty({ enum: [...TIERS, null], nullable: true, example: 'GOOD', description: 'The tier it would store' }) tier: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) probationEndsAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why, when it would decide' }) reason: string | null;
  @ApiProperty({
    example: 'Stay at 90% positive or above over the evaluation window to stay GOOD; 95% reaches EXCELLENT.',
    description: 'What the supplier needs, from where the run would leave it',
  })
  nextStep: string;
}

export class MeScorecardDto extends ScorecardDto {
  @ApiProperty({
    type: ProjectionDto,
    description: 'If a scoring run were dated asOf: the same reads and rules as the runs, written nowhere',
  })
  projection: ProjectionDto;
}

/** A complaint as its supplier reads it: everything but the customer's own words (they may name the customer). */
export class SupplierComplaintDto extends OmitType(ComplaintResponseDto, ['description'] as const) {}

export class SupplierComplaintPageDto {
  @ApiProperty({ type: [SupplierComplaintDto] }) items: SupplierComplaintDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

/** The supplier's complaints, filtered as managers filter theirs (the supplier is the token's). */
export class MyComplaintsQuery extends OmitType(ListComplaintsQuery, ['category', 'supplierId'] as const) {}
