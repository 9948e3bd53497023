import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, Validate, ValidateNested } from 'class-validator';

import { AS_OF_DESCRIPTION, IsoDateConstraint } from '../../common/http/as-of.query.js';
import { PolicyInputDto } from '../../policies/dto/policy-input.dto.js';
import { type Tier, TIERS } from '../../suppliers/domain/supplier-lifecycle.js';

export class SimulateDto {
  @ApiProperty({ type: PolicyInputDto, description: 'A draft policy, fields as in PUT (omitted ones take the defaults)' })
  @IsObject()
  @ValidateNested()
  @Type(() => PolicyInputDto)
  policy: PolicyInputDto;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-25', description: AS_OF_DESCRIPTION })
  @IsOptional()
  @Validate(IsoDateConstraint)
  asOf?: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'List only the suppliers the draft would change: a different tier than now, or a decision. The counts cover every supplier either way. ' +
      'A category of 100,000 suppliers otherwise answers with 100,000 items.',
  })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  changesOnly?: boolean;
}

export class SimulatedSupplierDto {
  @ApiProperty({ format: 'uuid' }) supplierId: string;
  @ApiProperty({ example: 'ACTIVE' }) status: string;
  @ApiProperty({ enum: TIERS, nullable: true }) currentTier: Tier | null;
  @ApiProperty({ enum: TIERS }) simulatedTier: Tier;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'PENALTY',
    description: 'What a run would decide (for applicants: ADMIT or REJECT if they applied)',
  })
  decision: string | null;
}

export class SimulationCountsDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { GOOD: 12, POOR: 2 } }) byTier: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { PENALTY: 2, NONE: 12 } }) byDecision: Record<
    string,
    number
  >;
}

export class SimulationDto {
  @ApiProperty({ format: 'date' }) asOf: string;
  @ApiProperty({ type: SimulationCountsDto }) counts: SimulationCountsDto;
  @ApiProperty({ type: [SimulatedSupplierDto] }) suppliers: SimulatedSupplierDto[];
}
