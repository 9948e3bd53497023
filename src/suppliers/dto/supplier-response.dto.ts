import { ApiProperty } from '@nestjs/swagger';

import { EXAMPLE } from '../../common/http/examples.js';
import { SUPPLIER_STATUSES, type SupplierStatus, type Tier, TIERS } from '../domain/supplier-lifecycle.js';

export class SupplierResponseDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) id: string;
  @ApiProperty({ example: 'HTL-000123' }) externalRef: string;
  @ApiProperty({ example: 'Hotel Russo Palace' }) name: string;
  @ApiProperty({ example: 'hotel' }) category: string;
  @ApiProperty({ type: String, nullable: true, example: 'Venice' }) city: string | null;
  @ApiProperty({ type: [String], example: ['beach'] }) themes: string[];
  @ApiProperty({ enum: SUPPLIER_STATUSES, example: 'ACTIVE' }) status: SupplierStatus;
  @ApiProperty({ enum: [...TIERS, null], nullable: true, example: 'GOOD', description: 'null before any scoring' }) tier: Tier | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null }) probationEndsAt: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2027-03-31',
    description:
      "A manager's hold, set by an override to ACTIVE: scoring runs dated up to and including it make no sanction decision (the tier still follows the reviews). null when none",
  })
  holdUntil: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: null,
    description:
      'When the latest accepted mystery-shopper audit failed, its date: reviews then neither reward nor reinstate the supplier, only a passing re-audit does. null when that audit passed or there is none',
  })
  auditFailedOn: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-09-14T08:12:40.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: EXAMPLE.createdAt }) updatedAt: string;
}
