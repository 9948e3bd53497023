import type { ComplaintStatus } from './complaint.js';

const HOUR_MS = 3_600_000;

/** The deadlines fixed at intake from the category's policy: respondBy and resolveBy. */
export function deadlinesOf(
  openedAt: Date,
  policy: { complaintResponseHours: number; complaintResolutionHours: number },
): { respondBy: Date; resolveBy: Date } {
  return {
    respondBy: new Date(openedAt.getTime() + policy.complaintResponseHours * HOUR_MS),
    resolveBy: new Date(openedAt.getTime() + policy.complaintResolutionHours * HOUR_MS),
  };
}

export interface DeadlineState {
  status: ComplaintStatus;
  respondBy: Date;
  resolveBy: Date;
  respondedAt: Date | null;
  resolvedAt: Date | null;
}

/**
 * Overdue at instant `t`: a deadline passed (`t >= deadline`: opened 24 h ago less a second is not
 * overdue, at exactly 24 h it is) without its step. A withdrawn complaint is never overdue; one
 * answered late is no longer overdue (the SLA report still counts it as not answered in time).
 */
export function overdueAt(c: DeadlineState, t: Date): { response: boolean; resolution: boolean } {
  if (c.status === 'WITHDRAWN') return { response: false, resolution: false };
  return {
    response: c.respondedAt === null && t.getTime() >= c.respondBy.getTime(),
    resolution: c.resolvedAt === null && t.getTime() >= c.resolveBy.getTime(),
  };
}

/** In time: the step happened before its deadline (at the deadline itself the complaint was already overdue). */
export function inTime(at: Date | null, deadline: Date): boolean {
  return at !== null && at.getTime() < deadline.getTime();
}
