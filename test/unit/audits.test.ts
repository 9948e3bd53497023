import { describe, expect, it } from 'vitest';

import { auditActionRefusal, auditSanction, scoreReport } from '../../src/audits/domain/audit-lifecycle.js';
import { planAssignments, type PlanShopper, type PlanTarget } from '../../src/audits/domain/planning.js';
import { auditTarget, rankTargets } from '../../src/audits/domain/targets.js';
import { withDefaults } from '../../src/policies/domain/policy.js';

const policy = withDefaults({});
const asOf = '2026-06-01';

describe('audit targets', () => {
  const base = { supplierId: 's', lastAcceptedAuditOn: '2026-01-01', auditFailedOn: null, criticalAspects: [] };

  it('a high negative rate with enough reviews is a target; too few reviews is not', () => {
    expect(auditTarget({ ...base, current: { n: 20, positives: 15 }, previous: { n: 20, positives: 15 } }, policy, asOf)).toMatchObject({
      reasons: ['NEGATIVE_RATE'],
      negativeRate: 0.25,
      priority: 12.5,
    });
    expect(auditTarget({ ...base, current: { n: 9, positives: 0 }, previous: { n: 0, positives: 0 } }, policy, asOf)).toBeNull();
    expect(auditTarget({ ...base, current: { n: 20, positives: 17 }, previous: { n: 20, positives: 17 } }, policy, asOf)).toBeNull();
  });

  it('a sharp change either way is a target: a burst of praise as much as a slump', () => {
    const burst = auditTarget({ ...base, current: { n: 20, positives: 20 }, previous: { n: 20, positives: 16 } }, policy, asOf)!;
    expect(burst.reasons).toEqual(['RATING_SHIFT']);
    expect(burst.shift).toBeCloseTo(0.2, 12);
    const slump = auditTarget({ ...base, current: { n: 20, positives: 17 }, previous: { n: 20, positives: 20 } }, policy, asOf)!;
    expect(slump.reasons).toEqual(['RATING_SHIFT']);
    expect(auditTarget({ ...base, current: { n: 20, positives: 20 }, previous: { n: 9, positives: 0 } }, policy, asOf)).toBeNull();
  });

  it('no accepted audit in 365 days is a coverage gap, and alone it ranks lowest', () => {
    const gap = auditTarget(
      {
        supplierId: 'g',
        lastAcceptedAuditOn: null,
        auditFailedOn: null,
        criticalAspects: [],
        current: { n: 0, positives: 0 },
        previous: { n: 0, positives: 0 },
      },
      policy,
      asOf,
    )!;
    expect(gap).toMatchObject({ reasons: ['COVERAGE_GAP'], priority: 1 });
    expect(
      auditTarget(
        {
          supplierId: 'h',
          lastAcceptedAuditOn: '2025-06-01',
          auditFailedOn: null,
          criticalAspects: [],
          current: { n: 0, positives: 0 },
          previous: { n: 0, positives: 0 },
        },
        policy,
        asOf,
      ),
    ).toBeNull();
    expect(
      auditTarget(
        {
          supplierId: 'h',
          lastAcceptedAuditOn: '2025-05-31',
          auditFailedOn: null,
          criticalAspects: [],
          current: { n: 0, positives: 0 },
          previous: { n: 0, positives: 0 },
        },
        policy,
        asOf,
      )!.reasons,
    ).toEqual(['COVERAGE_GAP']);
    const strong = auditTarget(
      {
        supplierId: 'n',
        lastAcceptedAuditOn: null,
        auditFailedOn: null,
        criticalAspects: [],
        current: { n: 20, positives: 10 },
        previous: { n: 20, positives: 19 },
      },
      policy,
      asOf,
    )!;
    expect(strong.reasons).toEqual(['NEGATIVE_RATE', 'RATING_SHIFT', 'COVERAGE_GAP']);
    expect(rankTargets([gap, strong]).map((t) => t.supplierId)).toEqual(['n', 'g']);
  });

  it('a failed latest audit makes a REAUDIT target, ranked above every other target, however strong its signals', () => {
    const quiet = { n: 20, positives: 20 };
    const reaudit = auditTarget(
      {
        supplierId: 'z',
        lastAcceptedAuditOn: '2026-05-20',
        auditFailedOn: '2026-05-20',
        criticalAspects: [],
        current: quiet,
        previous: quiet,
      },
      policy,
      asOf,
    )!;
    expect(reaudit).toMatchObject({ reasons: ['REAUDIT'], priority: 10_000 });
    // The strongest other target there can be: every review negative, after a window of only positive ones.
    const lenient = { ...policy, auditNegativeRate: 0, auditShiftThreshold: 0 };
    const worst = auditTarget(
      {
        supplierId: 'a',
        lastAcceptedAuditOn: null,
        auditFailedOn: null,
        criticalAspects: [],
        current: { n: 20, positives: 0 },
        previous: quiet,
      },
      lenient,
      asOf,
    )!;
    expect(worst.reasons).toEqual(['NEGATIVE_RATE', 'RATING_SHIFT', 'COVERAGE_GAP']);
    expect(worst.priority).toBeLessThan(reaudit.priority);
    expect(rankTargets([worst, reaudit]).map((t) => t.supplierId)).toEqual(['z', 'a']);
    // Its other signals still count, after REAUDIT.
    const both = auditTarget(
      {
        supplierId: 'y',
        lastAcceptedAuditOn: '2026-05-20',
        auditFailedOn: '2026-05-20',
        criticalAspects: [],
        current: { n: 20, positives: 15 },
        previous: { n: 20, positives: 15 },
      },
      policy,
      asOf,
    )!;
    expect(both).toMatchObject({ reasons: ['REAUDIT', 'NEGATIVE_RATE'], priority: 10_012.5 });
    expect(rankTargets([reaudit, worst, both]).map((t) => t.supplierId)).toEqual(['y', 'z', 'a']);
  });

  it('a negative mention of a critical aspect is a target on its own, weighted 20 + 5 a further mention up to 100', () => {
    const quiet = { n: 3, positives: 3 };
    const critical = (negative: number, more: Record<string, unknown> = {}) =>
      auditTarget({ ...base, current: quiet, previous: quiet, criticalAspects: [{ key: 'safety', negative }], ...more }, policy, asOf);
    expect(critical(1)).toMatchObject({ reasons: ['CRITICAL_ASPECT'], priority: 20, criticalAspects: [{ key: 'safety', negative: 1 }] });
    expect(critical(3)!.priority).toBe(30);
    expect(critical(17)!.priority).toBe(100);
    expect(critical(500)!.priority).toBe(100);
    // Zero negative mentions (a roll-up row counted down to 0) is no signal.
    expect(critical(0)).toBeNull();
    // Mentions of several critical aspects add up; it ranks after REAUDIT, before the review signals.
    const two = auditTarget(
      {
        ...base,
        lastAcceptedAuditOn: null,
        current: { n: 20, positives: 15 },
        previous: { n: 20, positives: 15 },
        criticalAspects: [
          { key: 'safety', negative: 1 },
          { key: 'fire', negative: 1 },
        ],
      },
      policy,
      asOf,
    )!;
    expect(two).toMatchObject({ reasons: ['CRITICAL_ASPECT', 'NEGATIVE_RATE', 'COVERAGE_GAP'], priority: 25 + 12.5 + 1 });
    const failed = critical(1, { auditFailedOn: '2026-05-20' })!;
    expect(failed.reasons).toEqual(['REAUDIT', 'CRITICAL_ASPECT']);
    // One critical mention outranks a negative rate a little over its threshold (0.25 against 0.2: 12.5).
    const atThreshold = auditTarget({ ...base, current: { n: 20, positives: 15 }, previous: { n: 20, positives: 15 } }, policy, asOf)!;
    expect(atThreshold).toMatchObject({ reasons: ['NEGATIVE_RATE'], priority: 12.5 });
    expect(rankTargets([atThreshold, critical(1)!]).map((t) => t.reasons[0])).toEqual(['CRITICAL_ASPECT', 'NEGATIVE_RATE']);
  });
});

function shopper(id: string, overrides: Partial<PlanShopper> = {}): PlanShopper {
  return { id, city: null, categories: ['hotel'], themes: [], openAudits: 0, maxOpenAudits: 1, conflictSupplierIds: [], ...overrides };
}
function target(supplierId: string, priority: number, overrides: Partial<PlanTarget> = {}): PlanTarget {
  return { supplierId, category: 'hotel', city: null, themes: [], priority, ...overrides };
}

describe('audit planning', () => {
  it('a re-audit is planned before any other target when not all fit', () => {
    const plan = planAssignments(
      [target('worst', 2001), target('reaudit', 10_000), target('bad', 1500)],
      [shopper('s1', { maxOpenAudits: 2 })],
      new Map(),
    );
    expect(plan.map((p) => p.supplierId)).toEqual(['reaudit', 'worst']);
  });

  it('a target only one shopper may audit keeps that shopper, even against a higher-priority target', () => {
    // s1 may audit both; s2 has a conflict with "hard". Greedy by priority would give s1 to "easy"
    // and leave "hard" with nobody.
    const plan = planAssignments(
      [target('easy', 20), target('hard', 5)],
      [shopper('s1'), shopper('s2', { conflictSupplierIds: ['hard'] })],
      new Map(),
    );
    expect(plan).toEqual([
      { supplierId: 'easy', shopperId: 's2' },
      { supplierId: 'hard', shopperId: 's1' },
    ]);
  });

  it('where not all fit, higher priority wins', () => {
    const plan = planAssignments([target('a', 1), target('b', 9), target('c', 5)], [shopper('s1', { maxOpenAudits: 2 })], new Map());
    expect(plan.map((p) => p.supplierId)).toEqual(['b', 'c']);
  });

  it('never a conflict, never the last auditor, never another category, never beyond capacity', () => {
    const plan = planAssignments(
      [target('t1', 5), target('t2', 5), target('t3', 5, { category: 'tour' }), target('t4', 5)],
      [shopper('s1', { maxOpenAudits: 3, openAudits: 1, conflictSupplierIds: ['t1'] })],
      new Map([['t2', 's1']]),
    );
    expect(plan).toEqual([{ supplierId: 't4', shopperId: 's1' }]);
  });

  it('prefers the same city and theme, then spreads the load', () => {
    const plan = planAssignments(
      [target('x', 5, { city: 'Lyon', themes: ['food'] }), target('y', 5), target('z', 5)],
      [shopper('paris', { city: 'Paris', maxOpenAudits: 3 }), shopper('lyon', { city: 'lyon ', themes: ['food'], maxOpenAudits: 3 })],
      new Map(),
    );
    expect(plan.find((p) => p.supplierId === 'x')!.shopperId).toBe('lyon');
    const load = new Map<string, number>();
    for (const p of plan) load.set(p.shopperId, (load.get(p.shopperId) ?? 0) + 1);
    expect([...load.values()].sort()).toEqual([1, 2]);
  });

  it('gives the same plan for the same input, whatever the order', () => {
    const targets = [target('a', 3), target('b', 3), target('c', 7), target('d', 1)];
    const shoppers = [shopper('s1', { maxOpenAudits: 2 }), shopper('s2'), shopper('s3')];
    const one = planAssignments(targets, shoppers, new Map());
    const two = planAssignments([...targets].reverse(), [...shoppers].reverse(), new Map());
    expect(two).toEqual(one);
    expect(one).toHaveLength(4);
  });

  it('stops at the limit, keeping the most valuable assignments', () => {
    const plan = planAssignments([target('a', 1), target('b', 9), target('c', 5)], [shopper('s1', { maxOpenAudits: 3 })], new Map(), 1);
    expect(plan).toEqual([{ supplierId: 'b', shopperId: 's1' }]);
  });
});

describe('reports and their consequences', () => {
  const checklist = policy.auditChecklist;
  const all = (score: number) => checklist.map((c) => ({ key: c.key, score }));

  it('scores the weighted mean of score / 5, times 100', () => {
    expect(scoreReport(checklist, all(5))).toEqual({ score: 100 });
    expect(scoreReport(checklist, all(0))).toEqual({ score: 0 });
    // weights 3,3,2,2: (3*5 + 3*0 + 2*5 + 2*0) / 10 / 5 * 100 = 50
    expect(
      scoreReport(checklist, [
        { key: 'as_described', score: 5 },
        { key: 'safety', score: 0 },
        { key: 'service', score: 5 },
        { key: 'cleanliness', score: 0 },
      ]),
    ).toEqual({
      score: 50,
    });
  });

  it('refuses missing, unknown and repeated keys', () => {
    const result = scoreReport(checklist, [...all(3).slice(1), { key: 'wifi', score: 3 }, { key: 'safety', score: 1 }]);
    expect('errors' in result && result.errors.map((e) => e.message)).toEqual([
      '"wifi" is not on this category\'s checklist',
      '"safety" is scored twice',
      '"as_described" must be scored',
    ]);
  });

  it('an accepted report below the pass mark puts an ACTIVE supplier on probation, and the failure stands', () => {
    const failed = auditSanction(policy, { status: 'ACTIVE', probationEndsAt: null, auditFailedOn: null }, 59.99, asOf);
    expect(failed).toMatchObject({ kind: 'AUDIT_FAILED', status: 'PROBATION', probationEndsAt: '2026-07-01', auditFailedOn: asOf });
    expect(failed.reason).toBe('A mystery-shopper audit scored 59.99, below the pass mark of 60: on probation until 2026-07-01.');
    expect(auditSanction(policy, { status: 'ACTIVE', probationEndsAt: null, auditFailedOn: null }, 60, asOf)).toMatchObject({
      kind: 'AUDIT_PASSED',
      status: 'ACTIVE',
      auditFailedOn: null,
    });
  });

  it('a supplier already on probation keeps its end date when an audit fails', () => {
    const out = auditSanction(policy, { status: 'PROBATION', probationEndsAt: '2026-06-10', auditFailedOn: null }, 10, asOf);
    expect(out).toMatchObject({ kind: 'AUDIT_FAILED', status: 'PROBATION', probationEndsAt: '2026-06-10', auditFailedOn: asOf });
    expect(out.reason).toContain('keeps its end date, 2026-06-10');
    // A second failure moves the standing to the latest audit.
    expect(
      auditSanction(policy, { status: 'PROBATION', probationEndsAt: '2026-06-10', auditFailedOn: '2026-05-01' }, 10, asOf).auditFailedOn,
    ).toBe(asOf);
  });

  it('a passing re-audit reinstates a supplier on probation while a failure stands, and clears the failure', () => {
    const out = auditSanction(policy, { status: 'PROBATION', probationEndsAt: '2026-06-10', auditFailedOn: '2026-05-11' }, 80, asOf);
    expect(out).toMatchObject({ kind: 'AUDIT_PASSED', status: 'ACTIVE', probationEndsAt: null, auditFailedOn: null });
    expect(out.reason).toBe('A mystery-shopper re-audit scored 80 (pass mark 60), outweighing the failed audit of 2026-05-11: reinstated.');
    // A probation the reviews caused is the reviews' to end; a failure on a suspended supplier is cleared without a move.
    expect(auditSanction(policy, { status: 'PROBATION', probationEndsAt: '2026-06-10', auditFailedOn: null }, 80, asOf)).toMatchObject({
      kind: 'AUDIT_PASSED',
      status: 'PROBATION',
      probationEndsAt: '2026-06-10',
    });
    expect(auditSanction(policy, { status: 'SUSPENDED', probationEndsAt: null, auditFailedOn: '2026-05-11' }, 80, asOf)).toMatchObject({
      kind: 'AUDIT_PASSED',
      status: 'SUSPENDED',
      auditFailedOn: null,
    });
  });

  it('allows only the moves of the lifecycle', () => {
    expect(auditActionRefusal('ASSIGNED', 'accept')).toBeNull();
    expect(auditActionRefusal('ASSIGNED', 'submit')).toContain('accept the assignment first');
    expect(auditActionRefusal('SUBMITTED', 'submit')).toContain('already submitted');
    expect(auditActionRefusal('ACCEPTED', 'review')).toContain('no report has been submitted');
    expect(auditActionRefusal('ACCEPTED', 'decline')).not.toBeNull();
    expect(auditActionRefusal('ACCEPTED', 'expire')).toBeNull();
    expect(auditActionRefusal('SUBMITTED', 'expire')).not.toBeNull();
  });
});
