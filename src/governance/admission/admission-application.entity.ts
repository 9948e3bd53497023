import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { Evaluation } from '../../scoring/domain/evaluation.js';
import type { AdmissionOutcome } from '../domain/admission.js';

@Entity({ name: 'admission_applications' })
export class AdmissionApplicationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq: string;
  @Column({ name: 'supplier_id', type: 'uuid' }) supplierId: string;
  @Column({ name: 'as_of', type: 'date' }) asOf: string;
  @Column({ type: 'text' }) outcome: AdmissionOutcome;
  @Column({ type: 'jsonb' }) evaluation: Evaluation;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'next_step', type: 'text', nullable: true }) nextStep: string | null;
  @Column({ name: 'policy_version', type: 'integer' }) policyVersion: number;
  @Column({ name: 'created_by', type: 'text' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @Column({ name: 'override_outcome', type: 'text', nullable: true }) overrideOutcome: 'ADMITTED' | 'REJECTED' | null;
  @Column({ name: 'override_reason', type: 'text', nullable: true }) overrideReason: string | null;
  @Column({ name: 'overridden_by', type: 'text', nullable: true }) overriddenBy: string | null;
  @Column({ name: 'overridden_at', type: 'timestamptz', nullable: true }) overriddenAt: Date | null;
}
