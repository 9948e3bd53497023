import { ApiProperty } from '@nestjs/swagger';

import { EXAMPLE } from '../../common/http/examples.js';
import { LEDGER_KINDS, type LedgerKind } from '../domain/ledger-entry.js';

export const LEDGER_EXAMPLE = {
  complaintId: '01938a10-2c4d-7e5f-8a6b-7c8d9e0f1a2b',
  compensationId: '01938a12-3d5e-7f60-9b7c-8d9e0f1a2b3c',
  chargeId: '01938a14-4e6f-7071-8c8d-9e0f1a2b3c4d',
  settlementId: '01938a20-5f70-7182-9d9e-0f1a2b3c4d5e',
} as const;

export class LedgerEntryResponseDto {
  @ApiProperty({ format: 'uuid', example: LEDGER_EXAMPLE.settlementId }) id: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ format: 'uuid', example: LEDGER_EXAMPLE.complaintId }) complaintId: string;
  @ApiProperty({ enum: LEDGER_KINDS, example: 'RECOVERY_SETTLED' }) kind: LedgerKind;
  @ApiProperty({ type: 'number', example: 30, description: 'In major units of the currency, exact to its minor digits' }) amount: number;
  @ApiProperty({ example: 'CNY', description: 'ISO 4217' }) currency: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: null,
    description: 'RECOVERY_CHARGED: the COMPENSATION_PAID entry it charges',
  })
  compensationId: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: LEDGER_EXAMPLE.chargeId,
    description: 'RECOVERY_SETTLED and RECOVERY_WAIVED: the RECOVERY_CHARGED entry they settle or waive',
  })
  chargeId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'FIN-2026-11-0042', description: 'A payment or finance reference' })
  reference: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: "A waiver's reason" }) reason: string | null;
  @ApiProperty({ example: 'test-integration', description: 'Who recorded it (the token subject)' }) actor: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-28T09:30:00.000Z', description: 'When the money moved' }) occurredAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-28T09:31:02.000Z', description: 'When it was recorded' }) createdAt: string;
}

export class LedgerBalanceDto {
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ type: 'number', example: 100, description: 'Compensation paid on complaints resolved with fault SUPPLIER' })
  paidOnBehalf: number;
  @ApiProperty({ type: 'number', example: 100 }) charged: number;
  @ApiProperty({ type: 'number', example: 30 }) settled: number;
  @ApiProperty({ type: 'number', example: 0, description: 'What waived charges still owed when waived' }) waived: number;
  @ApiProperty({ type: 'number', example: 70, description: 'charged − settled − waived' }) outstanding: number;
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerEntryResponseDto], description: 'Newest first' }) items: LedgerEntryResponseDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
  @ApiProperty({ type: [LedgerBalanceDto], description: 'One per currency, in code order; currencies are never added together' })
  balances: LedgerBalanceDto[];
}
