import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { SupplierStatus, Tier } from './domain/supplier-lifecycle.js';

@Entity({ name: 'suppliers' })
export class SupplierEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ name: 'external_ref', type: 'text' })
  externalRef: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  category: string;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ type: 'text', array: true })
  themes: string[];

  @Column({ type: 'text' })
  status: SupplierStatus;

  @Column({ type: 'text', nullable: true })
  tier: Tier | null;

  @Column({ name: 'probation_ends_at', type: 'date', nullable: true })
  probationEndsAt: string | null;

  @Column({ name: 'hold_until', type: 'date', nullable: true })
  holdUntil: string | null;

  @Column({ name: 'audit_failed_on', type: 'date', nullable: true })
  auditFailedOn: string | null;

  @Column({ name: 'status_as_of', type: 'date', nullable: true })
  statusAsOf: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false })
  updatedAt: Date;
}
