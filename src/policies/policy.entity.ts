import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

import type { Aspect, AutoExclusion } from './domain/aspects.js';
import type { ChecklistItem, RateMethod } from './domain/policy.js';

@Entity({ name: 'policies' })
export class PolicyEntity {
  @PrimaryColumn({ type: 'text' })
  category: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ name: 'positive_min_rating', type: 'smallint' })
  positiveMinRating: number;

  @Column({ type: 'integer', array: true })
  windows: number[];

  @Column({ name: 'evaluation_windows', type: 'integer', array: true })
  evaluationWindows: number[];

  @Column({ name: 'min_reviews', type: 'integer' })
  minReviews: number;

  @Column({ name: 'rate_method', type: 'text' })
  rateMethod: RateMethod;

  @Column({ type: 'double precision' })
  confidence: number;

  @Column({ name: 'reward_threshold', type: 'double precision' })
  rewardThreshold: number;

  @Column({ name: 'admission_threshold', type: 'double precision' })
  admissionThreshold: number;

  @Column({ name: 'penalty_threshold', type: 'double precision' })
  penaltyThreshold: number;

  @Column({ name: 'delist_threshold', type: 'double precision' })
  delistThreshold: number;

  @Column({ name: 'probation_days', type: 'integer' })
  probationDays: number;

  @Column({ name: 'reinstate_margin', type: 'double precision' })
  reinstateMargin: number;

  @Column({ name: 'readmission_cooldown_days', type: 'integer' })
  readmissionCooldownDays: number;

  @Column({ name: 'audit_pass_score', type: 'double precision' })
  auditPassScore: number;

  @Column({ name: 'audit_negative_rate', type: 'double precision' })
  auditNegativeRate: number;

  @Column({ name: 'audit_shift_threshold', type: 'double precision' })
  auditShiftThreshold: number;

  @Column({ name: 'audit_checklist', type: 'jsonb' })
  auditChecklist: ChecklistItem[];

  @Column({ name: 'complaint_response_hours', type: 'integer' })
  complaintResponseHours: number;

  @Column({ name: 'complaint_resolution_hours', type: 'integer' })
  complaintResolutionHours: number;

  @Column({ name: 'complaint_window_days', type: 'integer' })
  complaintWindowDays: number;

  @Column({ name: 'min_orders', type: 'integer' })
  minOrders: number;

  @Column({ name: 'complaint_rate_threshold', type: 'double precision' })
  complaintRateThreshold: number;

  @Column({ name: 'appeal_window_days', type: 'integer' })
  appealWindowDays: number;

  @Column({ name: 'appeal_decision_hours', type: 'integer' })
  appealDecisionHours: number;

  /** NULL in versions stored before the taxonomy existed: read as the category's built-in default. */
  @Column({ type: 'jsonb', nullable: true })
  aspects: Aspect[] | null;

  @Column({ name: 'auto_exclusion', type: 'text' })
  autoExclusion: AutoExclusion;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
