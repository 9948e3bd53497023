import { ApiProperty } from '@nestjs/swagger';

import { DecisionResponseDto } from '../../decisions/dto/decision-response.dto.js';
import { SupplierResponseDto } from '../../suppliers/dto/supplier-response.dto.js';

export const WARNINGS_DESCRIPTION =
  "What the next scoring run would do to the supplier on today's evaluation (a delisting, a probation or a warning), and whether a hold prevents it; empty when nothing";
export const WARNINGS_EXAMPLE = [
  "At today's rate 72.0% (below the penalty bar 85.0%) the next scoring run would put this supplier on probation; the hold until 2027-03-31 prevents it until then, and the first run after it will act if the rate has not recovered.",
];

/** The OVERRIDE decision the change made, with the supplier as it now stands. */
export class StatusChangeResponseDto extends DecisionResponseDto {
  @ApiProperty({ type: SupplierResponseDto })
  supplier: SupplierResponseDto;

  @ApiProperty({ type: [String], example: WARNINGS_EXAMPLE, description: WARNINGS_DESCRIPTION })
  warnings: string[];
}

/** The HOLD_LIFTED decision, the supplier as it now stands, and what the next run would do now that nothing holds it. */
export class HoldLiftedResponseDto extends DecisionResponseDto {
  @ApiProperty({ type: SupplierResponseDto })
  supplier: SupplierResponseDto;

  @ApiProperty({
    type: [String],
    example: ["At today's rate 72.0% (below the penalty bar 85.0%) the next scoring run would put this supplier on probation."],
    description: WARNINGS_DESCRIPTION,
  })
  warnings: string[];
}
