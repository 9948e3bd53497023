import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';

import { NotBlank } from '../../common/http/validators.js';
import { type Fault, FAULTS } from '../domain/complaint.js';

const STEP_TIME =
  'A timestamp with a time zone; default now. Not in the future, not before the complaint was opened (nor answered, for a later step): 422';

export class RespondDto {
  @ApiProperty({ example: 'We are sorry; housekeeping will clean the room within the hour.', maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @NotBlank()
  message: string;

  @ApiPropertyOptional({ example: '2026-11-24T09:40:00Z', description: STEP_TIME })
  @IsOptional()
  @IsString()
  respondedAt?: string;
}

export class ResolveDto {
  @ApiProperty({
    enum: FAULTS,
    example: 'SUPPLIER',
    description: 'Who was at fault; SUPPLIER charges the compensation paid to the supplier',
  })
  @IsIn(FAULTS)
  fault: Fault;

  @ApiProperty({ example: 'Hotel confirmed the room was not cleaned; partial refund paid.', maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @NotBlank()
  resolution: string;

  @ApiPropertyOptional({ example: '2026-11-24T15:00:00Z', description: STEP_TIME })
  @IsOptional()
  @IsString()
  resolvedAt?: string;
}

export class WithdrawDto {
  @ApiProperty({ example: 'Customer withdrew the complaint by phone.', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @NotBlank()
  reason: string;
}

export class CompensationDto {
  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'string', pattern: '^\\d+(\\.\\d+)?$' }],
    example: 200,
    description: "Paid to the customer: positive, at most the currency's minor digits (422 otherwise)",
  })
  @ValidateBy({
    name: 'amount',
    validator: { validate: (v: unknown) => typeof v === 'number' || typeof v === 'string', defaultMessage: () => 'must be a number' },
  })
  amount: number | string;

  @ApiProperty({ example: 'CNY', description: 'ISO 4217 code (422 when unknown)' })
  @IsString()
  @MaxLength(12)
  currency: string;

  @ApiPropertyOptional({ example: '2026-11-24T12:00:00Z', description: `When it was paid. ${STEP_TIME}` })
  @IsOptional()
  @IsString()
  paidAt?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'PAY-2026-77120', maxLength: 200, description: 'The payment in finance' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}
