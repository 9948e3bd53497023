import { ApiProperty } from '@nestjs/swagger';

import { SupplierResponseDto } from '../../suppliers/dto/supplier-response.dto.js';
import { RISK_KINDS, type RiskKind } from '../domain/at-risk.js';

/** A supplier as the search lists it: the supplier and its latest snapshot's figures. */
export class SupplierListingDto extends SupplierResponseDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.8125,
    description:
      "The latest snapshot's rate: the rate its run decided on (the deciding evaluation window, the policy's rate method); null when never scored or INSUFFICIENT_DATA",
  })
  rate: number | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-12-01',
    description: 'The date of that snapshot (its run); null when never scored',
  })
  rateAsOf: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 90,
    description: 'The evaluation window that rate is over; null with INSUFFICIENT_DATA',
  })
  windowDays: number | null;

  @ApiProperty({
    enum: [...RISK_KINDS, null],
    nullable: true,
    example: 'PENALTY',
    description:
      "The sanction the next nightly run (dated tomorrow, UTC) would make by the sanction rules on the latest snapshot's rate under the category's latest policy; the complaint rate is not read here. null: none",
  })
  wouldDecide: RiskKind | null;

  @ApiProperty({ example: true, description: 'wouldDecide is not null' })
  atRisk: boolean;
}

export class SupplierListingPageDto {
  @ApiProperty({ type: [SupplierListingDto] }) items: SupplierListingDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}
