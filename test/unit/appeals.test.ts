import { describe, expect, it } from 'vitest';

import { decideBy, isOverdue, unappealableReason, undoDecision, windowRefusal } from '../../src/appeals/domain/appeal.js';
import { standingRefusal, transitionRefusal } from '../../src/suppliers/domain/supplier-lifecycle.js';

const standing = (over: Record<string, unknown> = {}) => ({
  status: 'PROBATION' as const,
  tier: 'POOR',
  probationEndsAt: '2026-12-30',
  holdUntil: null,
  auditFailedOn: null,
  ...over,
});

describe('what may be appealed, and until when', () => {
  it('decisions that hold something against the supplier may be appealed; the rest may not', () => {
    for (const kind of ['REJECT', 'WARNING', 'PENALTY', 'DELIST', 'AUDIT_FAILED'] as const) expect(unappealableReason(kind)).toBeNull();
    for (const kind of ['REWARD', 'ADMIT', 'REINSTATE', 'OVERRIDE', 'AUDIT_PASSED', 'APPEAL_GRANTED', 'HOLD_LIFTED'] as const) {
      expect(unappealableReason(kind)).toMatch(/cannot be appealed/);
    }
    expect(unappealableReason('OVERRIDE')).toMatch(/^An OVERRIDE/);
  });

  it('the window includes its last instant and closes just after it', () => {
    const at = new Date('2026-11-01T10:00:00Z');
    expect(windowRefusal(at, new Date('2026-11-15T10:00:00Z'), 14)).toBeNull();
    expect(windowRefusal(at, new Date('2026-11-15T10:00:00.001Z'), 14)).toMatch(/closed at 2026-11-15T10:00:00.000Z/);
  });

  it('a ruling is due appealDecisionHours after the appeal, and overdue from that instant while open', () => {
    const due = decideBy(new Date('2026-11-01T10:00:00Z'), 48);
    expect(due.toISOString()).toBe('2026-11-03T10:00:00.000Z');
    expect(isOverdue({ status: 'OPEN', decideBy: due }, new Date('2026-11-03T09:59:59.999Z'))).toBe(false);
    expect(isOverdue({ status: 'OPEN', decideBy: due }, due)).toBe(true);
    expect(isOverdue({ status: 'DENIED', decideBy: due }, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('a granted appeal of a decision', () => {
  it('undoes a penalty: ACTIVE again, probation cleared', () => {
    const undo = undoDecision({ kind: 'PENALTY', fromStatus: 'ACTIVE', toStatus: 'PROBATION' }, standing(), false);
    expect(undo).toEqual({ ok: true, to: standing({ status: 'ACTIVE', probationEndsAt: null }) });
  });

  it('undoes a delisting, from probation too, to ACTIVE', () => {
    const now = standing({ status: 'DELISTED', probationEndsAt: null });
    for (const fromStatus of ['ACTIVE', 'PROBATION'] as const) {
      expect(undoDecision({ kind: 'DELIST', fromStatus, toStatus: 'DELISTED' }, now, false)).toEqual({
        ok: true,
        to: { ...now, status: 'ACTIVE' },
      });
    }
  });

  it('undoes a rejection to an applicant, or leaves a delisted supplier delisted', () => {
    const now = standing({ status: 'REJECTED', probationEndsAt: null });
    expect(undoDecision({ kind: 'REJECT', fromStatus: 'APPLICANT', toStatus: 'REJECTED' }, now, false)).toMatchObject({
      to: { status: 'APPLICANT' },
    });
    expect(undoDecision({ kind: 'REJECT', fromStatus: 'REJECTED', toStatus: 'REJECTED' }, now, false)).toMatchObject({
      to: { status: 'APPLICANT' },
    });
    expect(undoDecision({ kind: 'REJECT', fromStatus: 'DELISTED', toStatus: 'REJECTED' }, now, false)).toMatchObject({
      to: { status: 'DELISTED' },
    });
  });

  it('takes a failed audit back: the audit standing, and the probation it began', () => {
    const failed = standing({ auditFailedOn: '2026-11-20' });
    expect(undoDecision({ kind: 'AUDIT_FAILED', fromStatus: 'ACTIVE', toStatus: 'PROBATION' }, failed, false)).toEqual({
      ok: true,
      to: standing({ status: 'ACTIVE', probationEndsAt: null, auditFailedOn: null }),
    });
    expect(undoDecision({ kind: 'AUDIT_FAILED', fromStatus: 'PROBATION', toStatus: 'PROBATION' }, failed, false)).toEqual({
      ok: true,
      to: standing({ auditFailedOn: null }),
    });
  });

  it('changes no standing for a warning', () => {
    const now = standing({ status: 'ACTIVE', tier: 'WATCH', probationEndsAt: null });
    expect(undoDecision({ kind: 'WARNING', fromStatus: 'ACTIVE', toStatus: 'ACTIVE' }, now, false)).toEqual({ ok: true, to: now });
  });

  it('is superseded when the supplier no longer stands where the decision left it, or moved and came back', () => {
    const delist = { kind: 'DELIST', fromStatus: 'ACTIVE', toStatus: 'DELISTED' } as const;
    expect(undoDecision(delist, standing({ status: 'ACTIVE' }), false)).toEqual({
      ok: false,
      reason: expect.stringMatching(/is now ACTIVE/),
    });
    expect(undoDecision(delist, standing({ status: 'DELISTED' }), true)).toEqual({
      ok: false,
      reason: expect.stringMatching(/changed status since/),
    });
  });

  it('moves only as the lifecycle allows an APPEAL, and may clear the audit standing but never set one', () => {
    expect(transitionRefusal('PROBATION', 'ACTIVE', 'APPEAL')).toBeNull();
    expect(transitionRefusal('DELISTED', 'ACTIVE', 'APPEAL')).toBeNull();
    expect(transitionRefusal('REJECTED', 'APPLICANT', 'APPEAL')).toBeNull();
    expect(transitionRefusal('ACTIVE', 'DELISTED', 'APPEAL')).not.toBeNull();
    expect(
      standingRefusal({ holdUntil: null, auditFailedOn: '2026-11-20' }, { holdUntil: null, auditFailedOn: null }, 'APPEAL'),
    ).toBeNull();
    expect(
      standingRefusal({ holdUntil: null, auditFailedOn: null }, { holdUntil: null, auditFailedOn: '2026-11-20' }, 'APPEAL'),
    ).not.toBeNull();
    expect(
      standingRefusal({ holdUntil: null, auditFailedOn: null }, { holdUntil: '2026-12-31', auditFailedOn: null }, 'APPEAL'),
    ).not.toBeNull();
  });
});
