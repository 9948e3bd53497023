import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { SupplierStatus } from '../suppliers/domain/supplier-lifecycle.js';
import type { DecisionKind } from './domain/decision.js';

@Entity({ name: 'decisions' })
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId: string;

  @Column({ type: 'text' })
  kind: DecisionKind;

  @Column({ name: 'from_status', type: 'text' })
  fromStatus: SupplierStatus;

  @Column({ name: 'to_status', type: 'text' })
  toStatus: SupplierStatus;

  @Column({ name: 'as_of', type: 'date' })
  asOf: string;

  @Column({ name: 'policy_version', type: 'integer', nullable: true })
  policyVersion: number | null;

  @Column({ type: 'json', nullable: true })
  evidence: Record<string, unknown> | null;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'next_step', type: 'text', nullable: true })
  nextStep: string | null;

  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}
