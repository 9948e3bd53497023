import { ApiProperty } from '@nestjs/swagger';

import { SUPPLIER_STATUSES, type SupplierStatus } from '../../suppliers/domain/supplier-lifecycle.js';
import { DECISION_KINDS, type DecisionKind } from '../domain/decision.js';

export class DecisionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ enum: DECISION_KINDS, example: 'OVERRIDE' }) kind: DecisionKind;
  @ApiProperty({ enum: SUPPLIER_STATUSES, example: 'ACTIVE' }) fromStatus: SupplierStatus;
  @ApiProperty({ enum: SUPPLIER_STATUSES, example: 'SUSPENDED' }) toStatus: SupplierStatus;
  @ApiProperty({ format: 'date', example: '2026-11-25' }) asOf: string;
  @ApiProperty({ type: Number, nullable: true, example: 3 }) policyVersion: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Window, n, positives, rates and thresholds the decision rests on',
  })
  evidence: Record<string, unknown> | null;
  @ApiProperty({ example: 'Suspended by a manager: fire safety certificate expired' }) reason: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'What the supplier needs to reach the next tier' })
  nextStep: string | null;
  @ApiProperty({ example: 'manager@example.com', description: 'The person, or job:<name> for automation' }) actor: string;
  @ApiProperty({ example: '2026-11-25T10:00:00.000Z' }) createdAt: string;
}

export class DecisionPageDto {
  @ApiProperty({ type: [DecisionResponseDto] }) items: DecisionResponseDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}
