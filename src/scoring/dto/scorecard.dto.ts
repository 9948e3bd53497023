import { ApiProperty } from '@nestjs/swagger';

import { EXAMPLE } from '../../common/http/examples.js';
import { RATE_METHODS, type RateMethod } from '../../policies/domain/policy.js';
import { type Tier, TIERS } from '../../suppliers/domain/supplier-lifecycle.js';

export class WindowStatsDto {
  @ApiProperty({ example: 90 }) days: number;
  @ApiProperty({ example: 120 }) n: number;
  @ApiProperty({ example: 111 }) positives: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.925, description: 'null when n = 0' }) rawRate: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.8637,
    description: 'Wilson lower bound at the policy confidence; null when n = 0',
  })
  wilsonLower: number | null;
}

export class EvaluationDto {
  @ApiProperty({ type: Number, nullable: true, example: 90, description: 'null with INSUFFICIENT_DATA' }) windowDays: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 0.925 }) rate: number | null;
  @ApiProperty({ enum: TIERS, example: 'GOOD' }) tier: Tier;
  @ApiProperty({ enum: RATE_METHODS, example: 'RAW' }) rateMethod: RateMethod;
  @ApiProperty({ example: 120, description: 'Reviews in the evaluation window (the longest one with INSUFFICIENT_DATA)' }) n: number;
  @ApiProperty({ example: 111 }) positives: number;
  @ApiProperty({ example: 20 }) minReviews: number;
}

export class ScorecardComplaintsDto {
  @ApiProperty({ example: 90, description: "The policy's complaintWindowDays" }) windowDays: number;
  @ApiProperty({ example: 1000, description: 'Orders on days in [asOf − windowDays, asOf)' }) orders: number;
  @ApiProperty({
    example: 12,
    description: 'Complaints opened in [asOf − windowDays, asOf) and resolved with fault SUPPLIER before asOf',
  })
  supplierFault: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.012, description: 'supplierFault / orders; null below the policy minOrders' })
  rate: number | null;
}

export class ScorecardDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ format: 'date', example: EXAMPLE.asOf }) asOf: string;
  @ApiProperty({ example: 3 }) policyVersion: number;
  @ApiProperty({ type: [WindowStatsDto] }) windows: WindowStatsDto[];
  @ApiProperty({ type: EvaluationDto }) evaluation: EvaluationDto;
  @ApiProperty({ type: ScorecardComplaintsDto, description: 'The second signal: the supplier-fault complaint rate' })
  complaints: ScorecardComplaintsDto;
}
