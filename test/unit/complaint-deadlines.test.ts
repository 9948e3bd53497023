import { describe, expect, it } from 'vitest';

import type { ComplaintStatus } from '../../src/complaints/domain/complaint.js';
import { deadlinesOf, inTime, overdueAt } from '../../src/complaints/domain/deadlines.js';
import { nearestRank, type SlaComplaint, slaFigures } from '../../src/complaints/domain/sla.js';

const OPENED = new Date('2026-11-24T08:00:00Z');
const H = 3_600_000;
const POLICY = { complaintResponseHours: 24, complaintResolutionHours: 72 };

describe('complaint deadlines', () => {
  it('respondBy and resolveBy follow the policy hours', () => {
    expect(deadlinesOf(OPENED, POLICY)).toEqual({
      respondBy: new Date('2026-11-25T08:00:00Z'),
      resolveBy: new Date('2026-11-27T08:00:00Z'),
    });
    expect(deadlinesOf(OPENED, { complaintResponseHours: 4, complaintResolutionHours: 8 }).respondBy).toEqual(
      new Date('2026-11-24T12:00:00Z'),
    );
  });

  const open = { status: 'OPEN' as ComplaintStatus, ...deadlinesOf(OPENED, POLICY), respondedAt: null, resolvedAt: null };

  it('is not overdue 24 h less a second after opening, and overdue at exactly 24 h', () => {
    expect(overdueAt(open, new Date(OPENED.getTime() + 24 * H - 1000))).toEqual({ response: false, resolution: false });
    expect(overdueAt(open, new Date(OPENED.getTime() + 24 * H))).toEqual({ response: true, resolution: false });
    expect(overdueAt(open, new Date(OPENED.getTime() + 72 * H - 1000))).toEqual({ response: true, resolution: false });
    expect(overdueAt(open, new Date(OPENED.getTime() + 72 * H))).toEqual({ response: true, resolution: true });
  });

  it('an answered complaint is no longer response-overdue, even answered late; a withdrawn one is never overdue', () => {
    const late = { ...open, status: 'RESPONDED' as ComplaintStatus, respondedAt: new Date(OPENED.getTime() + 30 * H) };
    expect(overdueAt(late, new Date(OPENED.getTime() + 31 * H))).toEqual({ response: false, resolution: false });
    expect(inTime(late.respondedAt, late.respondBy)).toBe(false);
    const withdrawn = { ...open, status: 'WITHDRAWN' as ComplaintStatus };
    expect(overdueAt(withdrawn, new Date(OPENED.getTime() + 100 * H))).toEqual({ response: false, resolution: false });
  });

  it('a step at the deadline itself is late', () => {
    expect(inTime(new Date(OPENED.getTime() + 24 * H - 1), open.respondBy)).toBe(true);
    expect(inTime(new Date(OPENED.getTime() + 24 * H), open.respondBy)).toBe(false);
    expect(inTime(null, open.respondBy)).toBe(false);
  });
});

describe('SLA figures', () => {
  const complaint = (respondMinutes: number | null, resolveHours: number | null, status?: ComplaintStatus): SlaComplaint => ({
    status: status ?? (resolveHours !== null ? 'RESOLVED' : respondMinutes !== null ? 'RESPONDED' : 'OPEN'),
    openedAt: OPENED,
    ...deadlinesOf(OPENED, POLICY),
    respondedAt: respondMinutes === null ? null : new Date(OPENED.getTime() + respondMinutes * 60_000),
    resolvedAt: resolveHours === null ? null : new Date(OPENED.getTime() + resolveHours * H),
  });

  it('nearest rank: the value at rank ceil(p·n)', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(ten, 0.5)).toBe(5);
    expect(nearestRank(ten, 0.9)).toBe(9);
    expect(nearestRank([7], 0.9)).toBe(7);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(nearestRank([], 0.5)).toBeNull();
  });

  it('on a known set: counts, rates, median and p90 over the answered, withdrawn left out', () => {
    const set = [
      complaint(10, 5),
      complaint(20, 80), // resolved late
      complaint(30, null),
      complaint(40, null),
      complaint(50, 10),
      complaint(60, null),
      complaint(70, null),
      complaint(80, null),
      complaint(90, null),
      complaint(24 * 60 + 5, null), // answered late
      complaint(null, null), // unanswered
      complaint(5, null, 'WITHDRAWN'),
    ];
    expect(slaFigures(set)).toEqual({
      opened: 11,
      respondedInTime: 9,
      responseRate: 9 / 11,
      medianResponseMinutes: 50, // 10 answered: rank 5
      p90ResponseMinutes: 90, // rank 9
      resolvedInTime: 2,
      resolutionRate: 2 / 11,
    });
  });

  it('gives null rates and percentiles when nothing was opened or answered', () => {
    expect(slaFigures([])).toEqual({
      opened: 0,
      respondedInTime: 0,
      responseRate: null,
      medianResponseMinutes: null,
      p90ResponseMinutes: null,
      resolvedInTime: 0,
      resolutionRate: null,
    });
    expect(slaFigures([complaint(null, null)])).toMatchObject({ opened: 1, responseRate: 0, medianResponseMinutes: null });
  });
});
