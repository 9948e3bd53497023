import { ApiProperty } from '@nestjs/swagger';

import { EXAMPLE } from '../../common/http/examples.js';
import { AUDIT_STATUSES, type AuditStatus } from '../domain/audit-lifecycle.js';
import { TARGET_REASONS, type TargetReason } from '../domain/targets.js';

export class ShopperDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.shopperId }) id: string;
  @ApiProperty({ example: 'Mei (Shanghai food & family trips)' }) displayName: string;
  @ApiProperty({ type: String, nullable: true, example: 'Shanghai' }) city: string | null;
  @ApiProperty({ type: [String], example: ['hotel', 'tour'] }) categories: string[];
  @ApiProperty({ type: [String], example: ['family', 'food'] }) themes: string[];
  @ApiProperty({ example: 3 }) maxOpenAudits: number;
  @ApiProperty({ example: 1, description: 'Assignments ASSIGNED, ACCEPTED or SUBMITTED now' }) openAudits: number;
  @ApiProperty({ type: [String], format: 'uuid', example: [EXAMPLE.otherSupplierId] }) conflictSupplierIds: string[];
  @ApiProperty({ format: 'date-time', example: '2026-11-02T14:00:00.000Z' }) createdAt: string;
}

export class ShopperPageDto {
  @ApiProperty({ type: [ShopperDto] }) items: ShopperDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class CriticalMentionDto {
  @ApiProperty({ example: 'safety' }) key: string;
  @ApiProperty({ example: 2, description: 'Reviews that tagged it NEGATIVE' }) negative: number;
}

export class AuditTargetDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ example: 'Hotel Russo Palace', description: "The supplier's name" }) supplierName: string;
  @ApiProperty({
    enum: TARGET_REASONS,
    isArray: true,
    example: ['REAUDIT', 'CRITICAL_ASPECT', 'NEGATIVE_RATE'],
    description:
      'REAUDIT: the latest accepted audit failed; such targets rank above every other until re-audited. CRITICAL_ASPECT: reviews of the first evaluation window tagged a critical aspect of the latest taxonomy NEGATIVE',
  })
  reasons: TargetReason[];
  @ApiProperty({
    example: 10039.5,
    description:
      'Higher first; a re-audit adds 10,000; a critical aspect 20 for one negative mention and 5 for each further one, at most 100; a negative rate or a shift 10 at its threshold, more beyond it; a coverage gap alone is 1',
  })
  priority: number;
  @ApiProperty({ example: 'hotel' }) category: string;
  @ApiProperty({ type: Number, nullable: true, example: 0.27, description: '1 − raw rate over the first evaluation window' })
  negativeRate: number | null;
  @ApiProperty({ type: Number, nullable: true, example: -0.08, description: 'Raw rate now minus the previous window of the same length' })
  shift: number | null;
  @ApiProperty({
    type: [CriticalMentionDto],
    description: 'The critical aspects tagged NEGATIVE in the first evaluation window, in taxonomy order (CRITICAL_ASPECT); else empty',
  })
  criticalAspects: CriticalMentionDto[];
  @ApiProperty({ example: false, description: 'An assignment is already open for it' }) openAudit: boolean;
}

export class AuditDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.auditId }) id: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ example: 'Hotel Russo Palace', description: "The supplier's name" }) supplierName: string;
  @ApiProperty({ format: 'uuid', example: EXAMPLE.shopperId }) shopperId: string;
  @ApiProperty({ enum: AUDIT_STATUSES, example: 'SUBMITTED' }) status: AuditStatus;
  @ApiProperty({ enum: TARGET_REASONS, isArray: true, example: ['REAUDIT'], description: 'Why planned (empty: by hand)' })
  reasons: string[];
  @ApiProperty({ type: Number, nullable: true, example: 14.5 }) priority: number | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: "A manual assignment's reason" }) reason: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-11-18T09:00:00.000Z' }) assignedAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-02T09:00:00.000Z' }) dueAt: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The report as submitted',
    example: {
      visitedAt: '2026-11-20T19:00:00Z',
      checklist: [
        { key: 'as_described', score: 4 },
        { key: 'safety', score: 2, note: 'Fire exit blocked on floor 3' },
        { key: 'service', score: 5 },
        { key: 'cleanliness', score: 4 },
      ],
      verdict: 'MIXED',
      summary: 'Room as described; staff helpful; breakfast poor.',
    },
  })
  report: Record<string, unknown> | null;
  @ApiProperty({ type: Number, nullable: true, example: 72, description: '0..100 from the weighted checklist' }) score: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-21T08:30:00.000Z' }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) reviewNote: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) reviewedAt: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditDto] }) items: AuditDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class ChecklistEntryDto {
  @ApiProperty({ example: 'safety' }) key: string;
  @ApiProperty({ example: 'Safety' }) label: string;
  @ApiProperty({ example: 3 }) weight: number;
}

export class MyAuditDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE.auditId }) id: string;
  @ApiProperty({ enum: AUDIT_STATUSES, example: 'ACCEPTED' }) status: AuditStatus;
  @ApiProperty({ format: 'uuid', example: EXAMPLE.supplierId }) supplierId: string;
  @ApiProperty({ example: 'Hotel Russo Palace' }) supplierName: string;
  @ApiProperty({ type: String, nullable: true, example: 'Venice' }) city: string | null;
  @ApiProperty({ example: 'hotel' }) category: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-18T09:00:00.000Z' }) assignedAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-12-02T09:00:00.000Z' }) dueAt: string;
  @ApiProperty({ type: [ChecklistEntryDto] }) checklist: ChecklistEntryDto[];
  @ApiProperty({ type: Number, nullable: true, example: null, description: 'Once the report is submitted' }) score: number | null;
}

export class MyAuditPageDto {
  @ApiProperty({ type: [MyAuditDto] }) items: MyAuditDto[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}

export class CoverageDto {
  @ApiProperty({ example: 'hotel' }) category: string;
  @ApiProperty({ example: 250, description: 'ACTIVE or PROBATION suppliers' }) activeSuppliers: number;
  @ApiProperty({ example: 205, description: 'Of those, with an accepted audit in the trailing 365 days' }) audited: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.82 }) coverage: number | null;
  @ApiProperty({ example: 0.8 }) target: number;
}
