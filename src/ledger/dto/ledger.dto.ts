import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';

import { NotBlank } from '../../common/http/validators.js';

/** The settlement example's time: after the charge the examples' seeded DB holds, before any request. */
export const EXAMPLE_SETTLED_AT = '2026-11-28T09:30:00Z';

export class SettlementDto {
  @ApiProperty({
    type: 'number',
    example: 30,
    description:
      "Recovered from the supplier, in the charge's currency, at most its minor digits (2 for CNY, 0 for JPY); partial settlements allowed, never more than is outstanding (409)",
  })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  amount: number;

  @ApiPropertyOptional({
    format: 'date-time',
    example: EXAMPLE_SETTLED_AT,
    description: 'When finance recovered it (default now): with a time zone, not in the future, not before 2000-01-01 or the charge',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  settledAt?: string;

  @ApiProperty({ example: 'FIN-2026-11-0042', description: "Finance's reference of the recovery (an invoice, a netting run)" })
  @IsString()
  @MaxLength(200)
  @NotBlank()
  reference: string;
}

export class WaiverDto {
  @ApiProperty({
    example: 'Goodwill: the supplier refunded the guest directly',
    description: 'Why the platform gives up what is outstanding; trimmed, shown in the ledger',
  })
  @IsString()
  @MaxLength(2000)
  @NotBlank()
  reason: string;
}
