import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, Validate, ValidateNested } from 'class-validator';

import { AS_OF_DESCRIPTION, IsoDateConstraint } from '../../common/http/as-of.query.js';
import { EXAMPLE } from '../../common/http/examples.js';
import { PolicyInputDto } from '../../policies/dto/policy-input.dto.js';
import { type Tier, TIERS } from '../../suppliers/domain/supplier-lifecycle.js';

export const SIMULATION_BASES = ['CURRENT', 'DEFAULTS'] as const;
export type SimulationBase = (typeof SIMULATION_BASES)[number];

export class SimulateDto {
  @ApiProperty({
    type: PolicyInputDto,
    example: { admissionThreshold: 0.92 },
    description: 'A draft policy, fields as in PUT; what its omitted fields hold depends on `base`',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => PolicyInputDto)
  policy: PolicyInputDto;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-25', description: AS_OF_DESCRIPTION })
  @IsOptional()
  @Validate(IsoDateConstraint)
  asOf?: string;

  @ApiPropertyOptional({
    enum: SIMULATION_BASES,
    default: 'CURRENT',
    example: 'CURRENT',
    description:
      "What the draft's omitted fields hold: CURRENT, the latest version's values (the draft is merged onto it, as PATCH would); " +
      "DEFAULTS, PRODUCT.md's defaults (as PUT would). A category with no policy yet has no latest version, so CURRENT falls back to DEFAULTS.",
  })
  @IsOptional()
  @IsIn(SIMULATION_BASES, { message: `must be one of ${SIMULATION_BASES.join(', ')}` })
  base?: SimulationBase;

  @ApiPropertyOptional({
    default: false,
    example: true,
    description:
      'List only the suppliers the draft would change: a tier other than the one stored, or a decision. An applicant with no stored tier ' +
      'that would get no decision is not a change (its first tier replaces nothing). The counts cover every supplier either way. ' +
      'A category of 100,000 suppliers otherwise answers with 100,000 items.',
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  changesOnly?: boolean;
}

export class SimulatedComplaintsDto {
  @ApiProperty({ example: 90, description: "The draft's complaintWindowDays" }) windowDays: number;
  @ApiProperty({ example: 1000, description: 'Orders on days in the window' }) orders: number;
  @ApiProperty({ example: 20, description: 'Complaints opened in the window and resolved with fault SUPPLIER before the as-of date' })
  supplierFault: number;
  @ApiProperty({ example: 0.02, description: 'supplierFault / orders' }) rate: number;
  @ApiProperty({ example: 0.01, description: "The draft's complaintRateThreshold: at or above it, probation" }) threshold: number;
}

export class SimulatedSupplierDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ example: 'Hotel Danieli', description: "The supplier's name" }) name: string;
  @ApiProperty({ example: 'ACTIVE' }) status: string;
  @ApiProperty({ enum: [...TIERS, null], nullable: true, example: 'WATCH', description: 'The tier stored now (null before any scoring)' })
  currentTier: Tier | null;
  @ApiProperty({ enum: TIERS, example: 'POOR', description: 'The tier under the draft' }) simulatedTier: Tier;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.83,
    description: "The rate the draft's decisions use (raw or Wilson, per its rateMethod), 0..1; null with INSUFFICIENT_DATA",
  })
  rate: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 90,
    description: 'The evaluation window, in days, that rate is over; null with INSUFFICIENT_DATA',
  })
  windowDays: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'PENALTY',
    description: 'What a run would decide (for applicants: ADMIT or REJECT if they applied)',
  })
  decision: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Rate 83.0% over the last 90 days (83/100 positive) is below the penalty bar of 85.0%: on probation until 2026-12-25.',
    description: 'The reason that decision would carry, the same text a run (or an application) records; null when no decision',
  })
  reason: string | null;
  @ApiProperty({
    type: () => SimulatedComplaintsDto,
    nullable: true,
    description:
      "The supplier-fault complaint rate under the draft's complaint settings; null below its minOrders (the rate is not applied)",
  })
  complaints: SimulatedComplaintsDto | null;
}

export class SimulationCountsDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { GOOD: 12, POOR: 2 } }) byTier: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { PENALTY: 2, NONE: 12 } }) byDecision: Record<
    string,
    number
  >;
}

export class SimulationDto {
  @ApiProperty({ format: 'date', example: EXAMPLE.asOf }) asOf: string;
  @ApiProperty({
    enum: SIMULATION_BASES,
    example: 'CURRENT',
    description: 'What the draft was merged onto: CURRENT (the latest version) or DEFAULTS (asked for, or no version exists yet)',
  })
  base: SimulationBase;
  @ApiProperty({ type: Number, nullable: true, example: 3, description: 'The version the draft was merged onto; null with DEFAULTS' })
  baseVersion: number | null;
  @ApiProperty({ type: SimulationCountsDto }) counts: SimulationCountsDto;
  @ApiProperty({ type: [SimulatedSupplierDto] }) suppliers: SimulatedSupplierDto[];
}
