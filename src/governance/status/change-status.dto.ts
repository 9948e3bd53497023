import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Validate } from 'class-validator';

import { IsoDateConstraint } from '../../common/http/as-of.query.js';
import { IsReason } from '../../common/http/validators.js';
import { MANUAL_TARGETS, type ManualTarget } from '../../suppliers/domain/supplier-lifecycle.js';

export class ChangeStatusDto {
  @ApiProperty({ enum: MANUAL_TARGETS, example: 'ACTIVE' })
  @IsIn(MANUAL_TARGETS)
  status: ManualTarget;

  @ApiProperty({
    example: 'Fire safety certificate renewed; reinstated while the new kitchen is audited',
    description: 'Mandatory, shown in the decision log',
  })
  @IsReason()
  reason: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-03-31',
    description:
      'Only with status ACTIVE: scoring runs dated up to and including this date make no sanction decision for the supplier. After today, at most 180 days ahead (422 otherwise). Any later manual status change replaces it',
  })
  @IsOptional()
  @Validate(IsoDateConstraint)
  holdUntil?: string;
}

/** DELETE /v1/suppliers/{id}/hold: the manager's reason is optional (the decision says which hold ended either way). */
export class LiftHoldQuery {
  @ApiPropertyOptional({
    example: 'The partnership review is over; the rules apply again',
    description: "Optional, shown in the HOLD_LIFTED decision's reason after the hold it ended",
  })
  @IsOptional()
  @IsReason()
  reason?: string;
}
