import { ApiProperty } from '@nestjs/swagger';

import { DecisionResponseDto } from '../../decisions/dto/decision-response.dto.js';
import { SupplierResponseDto } from '../../suppliers/dto/supplier-response.dto.js';

/** The OVERRIDE decision the change made, with the supplier as it now stands. */
export class StatusChangeResponseDto extends DecisionResponseDto {
  @ApiProperty({ type: SupplierResponseDto })
  supplier: SupplierResponseDto;
}
