import { ApiProperty } from '@nestjs/swagger';

import { EXAMPLE } from '../../common/http/examples.js';
import { SUPPLIER_STATUSES, type SupplierStatus } from '../../suppliers/domain/supplier-lifecycle.js';
import { DECISION_KINDS, type DecisionKind } from '../domain/decision.js';

export class DecisionResponseDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.decisionId }) id: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
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
    example: {
      windowDays: 90,
      n: 120,
      positives: 112,
      rawRate: 0.9333,
      wilsonLower: 0.874,
      rate: 0.9333,
      rateMethod: 'RAW',
      tier: 'GOOD',
      thresholds: { reward: 0.95, admission: 0.9, penalty: 0.85, delist: 0.7, reinstate: 0.92 },
      minReviews: 20,
      positiveMinRating: 4,
    },
  })
  evidence: Record<string, unknown> | null;
  @ApiProperty({ example: 'Suspended by a manager: fire safety certificate expired' }) reason: string;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'What the supplier needs to reach the next tier' })
  nextStep: string | null;
  @ApiProperty({ example: EXAMPLE.actor, description: 'The person, or job:<name> for automation' }) actor: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE.createdAt }) createdAt: string;
}

export class DecisionPageDto {
  @ApiProperty({ type: [DecisionResponseDto] }) items: DecisionResponseDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}
