import { type DeadlineState, inTime } from './deadlines.js';

/**
 * The SLA report of a category over a period of opening dates (PRODUCT.md: the target is to
 * answer 100% within the deadline). Decided here:
 * - withdrawn complaints are left out of every figure: no answer was owed once the customer took
 *   the complaint back, and a withdrawn complaint is never overdue either;
 * - `responseRate` and `resolutionRate` are null when no complaint was opened (no share to give);
 * - the median and the 90th percentile are both nearest-rank percentiles (the value at rank
 *   ⌈p·n⌉ of the sorted response times, so always a time some complaint really took), over the
 *   complaints answered, in minutes rounded to two decimals; null when none was answered.
 */
export interface SlaFigures {
  opened: number;
  respondedInTime: number;
  responseRate: number | null;
  medianResponseMinutes: number | null;
  p90ResponseMinutes: number | null;
  resolvedInTime: number;
  resolutionRate: number | null;
}

export interface SlaComplaint extends DeadlineState {
  openedAt: Date;
}

/** The value at rank ⌈p·n⌉ (1-based) of ascending `sorted`; null when empty. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function slaFigures(complaints: readonly SlaComplaint[]): SlaFigures {
  const counted = complaints.filter((c) => c.status !== 'WITHDRAWN');
  const opened = counted.length;
  const respondedInTime = counted.filter((c) => inTime(c.respondedAt, c.respondBy)).length;
  const resolvedInTime = counted.filter((c) => inTime(c.resolvedAt, c.resolveBy)).length;
  const minutes = counted
    .filter((c) => c.respondedAt !== null)
    .map((c) => (c.respondedAt!.getTime() - c.openedAt.getTime()) / 60_000)
    .sort((a, b) => a - b);
  const median = nearestRank(minutes, 0.5);
  const p90 = nearestRank(minutes, 0.9);
  return {
    opened,
    respondedInTime,
    responseRate: opened === 0 ? null : respondedInTime / opened,
    medianResponseMinutes: median === null ? null : round2(median),
    p90ResponseMinutes: p90 === null ? null : round2(p90),
    resolvedInTime,
    resolutionRate: opened === 0 ? null : resolvedInTime / opened,
  };
}
