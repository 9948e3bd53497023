import type { SanctionKind } from '../domain/sanctions.js';

export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';
export type RunTrigger = 'SCHEDULE' | 'MANUAL';

export interface RunCounts {
  scored: number;
  decisions: Record<SanctionKind, number>;
}

export interface ScoringRun {
  id: string;
  status: RunStatus;
  asOf: string;
  category: string | null;
  trigger: RunTrigger;
  processed: number;
  total: number;
  counts: RunCounts;
  createdBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

export function emptyCounts(): RunCounts {
  return { scored: 0, decisions: { REWARD: 0, WARNING: 0, PENALTY: 0, REINSTATE: 0, DELIST: 0 } };
}
