import { describe, expect, it } from 'vitest';

import type { Policy } from '../../src/policies/domain/policy.js';
import { DEFAULT_POLICY } from '../../src/policies/domain/policy.js';
import type { WindowCountsRepository } from '../../src/reviews/review-window-counts.repository.js';
import { decidingWindowCounts } from '../../src/scoring/deciding-window-counts.js';
import { evaluate, type WindowCounts } from '../../src/scoring/domain/evaluation.js';

/** Counts held in memory (each window's totals), recording which suppliers and days each read asked for. */
function countsOf(table: Record<string, Record<number, WindowCounts>>) {
  const reads: Array<{ ids: string[]; days: [number, number] }> = [];
  const total = (id: string, days: number): WindowCounts =>
    days === 0 ? { n: 0, positives: 0 } : (table[id]?.[days] ?? { n: 0, positives: 0 });
  const repository = {
    countRange: (ids: string[], _asOf: string, fromDays: number, toDays: number) => {
      reads.push({ ids: [...ids], days: [fromDays, toDays] });
      const added = ids.map((id): [string, WindowCounts] => [
        id,
        { n: total(id, fromDays).n - total(id, toDays).n, positives: total(id, fromDays).positives - total(id, toDays).positives },
      ]);
      // As the repository does: suppliers without reviews in the range are left out.
      return Promise.resolve(new Map(added.filter(([, c]) => c.n > 0)));
    },
  } as unknown as WindowCountsRepository;
  return { repository, reads };
}

const policy = { ...DEFAULT_POLICY, category: 'hotel', version: 1, evaluationWindows: [30, 90, 365], minReviews: 20 } as unknown as Policy;

describe('decidingWindowCounts', () => {
  const table: Record<string, Record<number, WindowCounts>> = {
    busy: { 30: { n: 40, positives: 38 }, 90: { n: 120, positives: 100 }, 365: { n: 500, positives: 450 } },
    steady: { 30: { n: 8, positives: 8 }, 90: { n: 25, positives: 20 }, 365: { n: 90, positives: 80 } },
    thin: { 30: { n: 1, positives: 1 }, 90: { n: 5, positives: 4 }, 365: { n: 19, positives: 18 } },
    silent: {},
  };

  it('reads a longer window only for the suppliers the shorter ones leave without minReviews, and only the days it adds', async () => {
    const { repository, reads } = countsOf(table);
    await decidingWindowCounts(['busy', 'steady', 'thin', 'silent'], policy, '2026-11-01', repository);
    expect(reads).toEqual([
      { ids: ['busy', 'steady', 'thin', 'silent'], days: [30, 0] },
      { ids: ['steady', 'thin', 'silent'], days: [90, 30] },
      { ids: ['thin', 'silent'], days: [365, 90] },
    ]);
  });

  it('gives every supplier the evaluation that all windows read at once would give', async () => {
    const { repository } = countsOf(table);
    const read = await decidingWindowCounts(Object.keys(table), policy, '2026-11-01', repository);
    for (const id of Object.keys(table)) {
      const all = new Map(policy.evaluationWindows.map((d) => [d, table[id][d] ?? { n: 0, positives: 0 }]));
      expect(evaluate(policy, read.get(id)!), id).toEqual(evaluate(policy, all));
    }
    expect(evaluate(policy, read.get('busy')!).windowDays).toBe(30);
    expect(evaluate(policy, read.get('steady')!).windowDays).toBe(90);
    expect(evaluate(policy, read.get('thin')!)).toMatchObject({ tier: 'INSUFFICIENT_DATA', n: 19 });
    // Each window read holds the whole window: the days added to the shorter one's counts.
    expect(read.get('steady')).toEqual(
      new Map([
        [30, table.steady[30]],
        [90, table.steady[90]],
      ]),
    );
    expect(read.get('silent')).toEqual(
      new Map([
        [30, { n: 0, positives: 0 }],
        [90, { n: 0, positives: 0 }],
        [365, { n: 0, positives: 0 }],
      ]),
    );
  });

  it('reads nothing for an empty batch', async () => {
    const { repository, reads } = countsOf(table);
    expect((await decidingWindowCounts([], policy, '2026-11-01', repository)).size).toBe(0);
    expect(reads).toEqual([]);
  });
});
