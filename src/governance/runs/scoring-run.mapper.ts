import type { RunDto } from './scoring-run.dto.js';
import { emptyCounts, type RunCounts, type RunTrigger, type ScoringRun } from './scoring-run.js';

/** A row of `scoring_runs` as the repository selects it. */
export interface RunRow {
  id: string;
  seq: string;
  status: ScoringRun['status'];
  as_of: string;
  category: string | null;
  trigger: RunTrigger;
  processed: number;
  total: number;
  counts: RunCounts;
  created_by: string;
  started_at: Date;
  finished_at: Date | null;
  error: string | null;
}

export function runFromRow(r: RunRow): ScoringRun {
  return {
    id: r.id,
    status: r.status,
    asOf: r.as_of,
    category: r.category,
    trigger: r.trigger,
    processed: r.processed,
    total: r.total,
    counts: { ...emptyCounts(), ...r.counts, decisions: { ...emptyCounts().decisions, ...(r.counts.decisions ?? {}) } },
    createdBy: r.created_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
  };
}

export function runToResponse(r: ScoringRun): RunDto {
  return {
    id: r.id,
    status: r.status,
    asOf: r.asOf,
    category: r.category,
    trigger: r.trigger,
    progress: { processed: r.processed, total: r.total },
    counts: r.counts,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    error: r.error,
  };
}
