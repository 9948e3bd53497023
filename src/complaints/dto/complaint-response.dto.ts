import { ApiProperty } from '@nestjs/swagger';

import { EXAMPLE } from '../../common/http/examples.js';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, FAULTS, SEVERITIES } from '../domain/complaint.js';

export const EXAMPLE_COMPLAINT_ID = '01937e9c-2a41-7c55-9d21-0e4f5a6b7c8d';

export class MoneyDto {
  @ApiProperty({ example: 200, description: 'In major units, exact to the currency’s minor unit' }) amount: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
}

export class OverdueDto {
  @ApiProperty({ example: false, description: 'Not answered and respondBy passed (at the moment of the request)' }) response: boolean;
  @ApiProperty({ example: false, description: 'Not resolved and resolveBy passed' }) resolution: boolean;
}

export class ComplaintResponseDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_COMPLAINT_ID }) id: string;
  @ApiProperty({ example: 'service-desk' }) source: string;
  @ApiProperty({ example: 'SD-2026-000123' }) externalId: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ example: 'Hotel Russo Palace', description: "The supplier's name" }) supplierName: string;
  @ApiProperty({ example: EXAMPLE.category, description: "The supplier's category" }) category: string;
  @ApiProperty({ example: 'ORD-88412' }) orderRef: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-24T08:15:00.000Z' }) openedAt: string;
  @ApiProperty({ enum: COMPLAINT_CATEGORIES, example: 'CLEANLINESS' }) complaintCategory: string;
  @ApiProperty({ enum: SEVERITIES, example: 'HIGH' }) severity: string;
  @ApiProperty({ example: 'Room not cleaned on arrival; bathroom dirty.' }) description: string;
  @ApiProperty({ type: MoneyDto, nullable: true, example: { amount: 320.5, currency: 'CNY' } }) claimedAmount: MoneyDto | null;
  @ApiProperty({ enum: COMPLAINT_STATUSES, example: 'RESOLVED' }) status: string;
  @ApiProperty({ example: 1, description: 'The policy version whose deadlines the complaint got at intake' }) policyVersion: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-25T08:15:00.000Z' }) respondBy: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-27T08:15:00.000Z' }) resolveBy: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-24T09:40:00.000Z' }) respondedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-24T15:00:00.000Z' }) resolvedAt: string | null;
  @ApiProperty({ enum: [...FAULTS, null], nullable: true, example: 'SUPPLIER' }) fault: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Hotel confirmed the room was not cleaned; partial refund paid.' })
  resolution: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) withdrawnAt: string | null;
  @ApiProperty({ type: OverdueDto }) overdue: OverdueDto;
  @ApiProperty({ type: [MoneyDto], description: 'Each compensation paid, oldest first', example: [{ amount: 200, currency: 'CNY' }] })
  compensation: MoneyDto[];
  @ApiProperty({ format: 'date-time', example: '2026-11-24T08:16:02.000Z' }) createdAt: string;
}

export class ComplaintPageDto {
  @ApiProperty({ type: [ComplaintResponseDto] }) items: ComplaintResponseDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class SlaReportDto {
  @ApiProperty({ example: EXAMPLE.category }) category: string;
  @ApiProperty({ format: 'date', example: '2026-11-01' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-11-24' }) to: string;
  @ApiProperty({ example: 40, description: 'Complaints opened on these dates (UTC), withdrawn ones left out' }) opened: number;
  @ApiProperty({ example: 38, description: 'Answered before respondBy' }) respondedInTime: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.95, description: 'respondedInTime / opened; null when none was opened' })
  responseRate: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 95.5, description: 'Nearest-rank median over the complaints answered' })
  medianResponseMinutes: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 1310, description: 'Nearest-rank 90th percentile over the complaints answered' })
  p90ResponseMinutes: number | null;
  @ApiProperty({ example: 35, description: 'Resolved before resolveBy' }) resolvedInTime: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.875, description: 'resolvedInTime / opened; null when none was opened' })
  resolutionRate: number | null;
  @ApiProperty({ example: 2, description: "The category's complaints overdue now, whenever opened" }) overdueNow: number;
  @ApiProperty({ example: 1, description: 'The target share answered in time' }) target: number;
}
