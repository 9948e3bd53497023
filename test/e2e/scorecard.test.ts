import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_POLICY, type Policy } from '../../src/policies/domain/policy.js';
import { WindowCountsRepository } from '../../src/reviews/review-window-counts.repository.js';
import { decidingWindowCounts } from '../../src/scoring/deciding-window-counts.js';
import { createSupplier, expectProblem, publishPolicy, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

interface R {
  rating: number;
  reviewedAt: string;
}

/** Independent of the service: counts straight from the list, by instant comparison. */
function expected(reviews: R[], asOf: string, days: number, positiveMin: number) {
  const to = Date.parse(`${asOf}T00:00:00Z`);
  const from = to - days * 86_400_000;
  const inside = reviews.filter((r) => Date.parse(r.reviewedAt) >= from && Date.parse(r.reviewedAt) < to);
  const n = inside.length;
  const positives = inside.filter((r) => r.rating >= positiveMin).length;
  return { n, positives, rawRate: n ? positives / n : null };
}

describe('scorecards', () => {
  let t: TestApp;
  let admin: string;
  let s: SupplierBody;
  const history: R[] = [];
  const asOf = '2026-06-30';

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
    s = await createSupplier(t, { externalRef: 'SC-1' });
    // A year of reviews with a pseudo-random but fixed pattern, plus boundary instants.
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 400; i++) {
      const at = new Date(Date.parse('2025-06-01T00:00:00Z') + Math.floor(rand() * 400 * 86_400_000));
      if (at.getTime() >= Date.parse('2026-11-01T00:00:00Z')) continue;
      history.push({ rating: rand() < 0.8 ? 4 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 3), reviewedAt: at.toISOString() });
    }
    history.push({ rating: 5, reviewedAt: '2026-05-31T00:00:00.000Z' }); // exactly asOf − 30 days: in
    history.push({ rating: 1, reviewedAt: '2026-06-30T00:00:00.000Z' }); // exactly asOf: out
    history.push({ rating: 1, reviewedAt: '2026-05-30T23:59:59.999Z' }); // just before the 30-day window
    const reviews = history.map((r, i) => ({ externalId: `sc-${i}`, supplierRef: 'SC-1', ...r }));
    const res = await t
      .http()
      .post('/v1/reviews/batch')
      .set(bearer(t.token('integration')))
      .send({ reviews })
      .expect(200);
    expect(res.body.accepted).toBe(history.length);
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports every window of the policy with counts checked independently', async () => {
    const res = await t.http().get(`/v1/suppliers/${s.id}/scorecard?asOf=${asOf}`).set(bearer(admin)).expect(200);
    expect(res.body.supplierId).toBe(s.id);
    expect(res.body.asOf).toBe(asOf);
    expect(res.body.policyVersion).toBe(1);
    expect(res.body.windows.map((w: { days: number }) => w.days)).toEqual([30, 90, 180, 365]);
    for (const w of res.body.windows) {
      const e = expected(history, asOf, w.days, 4);
      expect({ days: w.days, n: w.n, positives: w.positives }).toEqual({ days: w.days, n: e.n, positives: e.positives });
      expect(w.rawRate).toBeCloseTo(e.rawRate!, 12);
      expect(w.wilsonLower).toBeLessThan(w.rawRate);
    }
    const e90 = expected(history, asOf, 90, 4);
    expect(e90.n).toBeGreaterThanOrEqual(20);
    expect(res.body.evaluation.windowDays).toBe(90);
    expect(res.body.evaluation.rate).toBeCloseTo(e90.rawRate!, 12);
  });

  it("a run's deciding counts, each longer window read only for the days it adds, equal the counts taken independently", async () => {
    // Another supplier: the same history plus the 90- and 365-day boundaries.
    const other = await createSupplier(t, { externalRef: 'SC-2' });
    const own: R[] = [
      ...history,
      { rating: 4, reviewedAt: '2026-04-01T00:00:00.000Z' }, // exactly asOf − 90 days: in the 90-day window
      { rating: 2, reviewedAt: '2026-03-31T23:59:59.999Z' }, // just before it: in the 365-day window only
      { rating: 5, reviewedAt: '2025-06-30T00:00:00.000Z' }, // exactly asOf − 365 days: in
      { rating: 5, reviewedAt: '2025-06-29T23:59:59.999Z' }, // just before: out
    ];
    const reviews = own.map((r, i) => ({ externalId: `sc2-${i}`, supplierRef: 'SC-2', ...r }));
    await t
      .http()
      .post('/v1/reviews/batch')
      .set(bearer(t.token('integration')))
      .send({ reviews })
      .expect(200);
    const policy = {
      ...DEFAULT_POLICY,
      category: 'hotel',
      version: 1,
      evaluationWindows: [30, 90, 365],
      minReviews: 100_000,
    } as unknown as Policy;
    const read = (await decidingWindowCounts([other.id], policy, asOf, t.app.get(WindowCountsRepository))).get(other.id)!;
    expect([...read.keys()]).toEqual([30, 90, 365]);
    for (const days of [30, 90, 365]) {
      const e = expected(own, asOf, days, 4);
      expect({ days, ...read.get(days) }).toEqual({ days, n: e.n, positives: e.positives });
    }
  });

  it('follows the policy: a higher positive bar, WILSON, and a new version', async () => {
    await publishPolicy(t, 'hotel', { positiveMinRating: 5, rateMethod: 'WILSON', minReviews: 1000 });
    const res = await t.http().get(`/v1/suppliers/${s.id}/scorecard?asOf=${asOf}`).set(bearer(admin)).expect(200);
    expect(res.body.policyVersion).toBe(2);
    const e365 = expected(history, asOf, 365, 5);
    expect(res.body.windows[3]).toMatchObject({ days: 365, n: e365.n, positives: e365.positives });
    expect(res.body.evaluation).toMatchObject({
      windowDays: null,
      rate: null,
      tier: 'INSUFFICIENT_DATA',
      rateMethod: 'WILSON',
      minReviews: 1000,
    });
    await publishPolicy(t, 'hotel');
  });

  it('is zeros and nulls for a supplier without reviews', async () => {
    const empty = await createSupplier(t);
    const res = await t.http().get(`/v1/suppliers/${empty.id}/scorecard?asOf=${asOf}`).set(bearer(admin)).expect(200);
    expect(res.body.windows[0]).toEqual({ days: 30, n: 0, positives: 0, rawRate: null, wilsonLower: null });
    expect(res.body.evaluation).toMatchObject({ windowDays: null, rate: null, tier: 'INSUFFICIENT_DATA' });
  });

  it('excluding a review takes it out of every window, reverting puts it back; both are logged', async () => {
    const before = (await t.http().get(`/v1/suppliers/${s.id}/scorecard?asOf=${asOf}`).set(bearer(admin)).expect(200)).body;
    const { rows } = await t.db.query(`SELECT id, rating FROM reviews WHERE external_id = $1`, [`sc-${history.length - 3}`]);
    const reviewId = rows[0].id as string;
    const manager = t.token('category_manager', { sub: 'maria', categories: ['hotel'] });

    const excluded = await t
      .http()
      .post(`/v1/reviews/${reviewId}/exclusion`)
      .set(bearer(manager))
      .send({ reason: 'Not the supplier’s doing' })
      .expect(200);
    expect(excluded.body).toMatchObject({ id: reviewId, excluded: true, excludedReason: 'Not the supplier’s doing' });
    const during = (await t.http().get(`/v1/suppliers/${s.id}/scorecard?asOf=${asOf}`).set(bearer(admin)).expect(200)).body;
    for (let i = 0; i < 4; i++) {
      expect(during.windows[i].n).toBe(before.windows[i].n - 1);
      expect(during.windows[i].positives).toBe(before.windows[i].positives - 1);
    }
    expectProblem(await t.http().post(`/v1/reviews/${reviewId}/exclusion`).set(bearer(manager)).send({ reason: 'again please' }), 409);

    const reverted = await t
      .http()
      .delete(`/v1/reviews/${reviewId}/exclusion`)
      .set(bearer(manager))
      .send({ reason: 'Mistake' })
      .expect(200);
    expect(reverted.body.excluded).toBe(false);
    expect(reverted.body.exclusionLog.map((l: { action: string; actor: string }) => [l.action, l.actor])).toEqual([
      ['EXCLUDED', 'maria'],
      ['REVERTED', 'maria'],
    ]);
    const after = (await t.http().get(`/v1/suppliers/${s.id}/scorecard?asOf=${asOf}`).set(bearer(admin)).expect(200)).body;
    expect(after.windows).toEqual(before.windows);
    expectProblem(await t.http().delete(`/v1/reviews/${reviewId}/exclusion`).set(bearer(manager)), 409);
  });

  it('an excluded review that is sent again stays excluded', async () => {
    const { rows } = await t.db.query(`SELECT id FROM reviews WHERE external_id = 'sc-0'`);
    await t.http().post(`/v1/reviews/${rows[0].id}/exclusion`).set(bearer(admin)).send({ reason: 'Weather complaint' }).expect(200);
    const before = (await t.http().get(`/v1/suppliers/${s.id}/scorecard?asOf=2026-11-01`).set(bearer(admin)).expect(200)).body.windows[3];
    await t
      .http()
      .post('/v1/reviews/batch')
      .set(bearer(t.token('integration')))
      .send({ reviews: [{ externalId: 'sc-0', supplierRef: 'SC-1', rating: 1, reviewedAt: '2026-10-10T00:00:00Z' }] })
      .expect(200);
    const after = (await t.http().get(`/v1/suppliers/${s.id}/scorecard?asOf=2026-11-01`).set(bearer(admin)).expect(200)).body.windows[3];
    expect(after).toEqual(before);
    const review = await t.http().get(`/v1/reviews/${rows[0].id}`).set(bearer(admin)).expect(200);
    expect(review.body).toMatchObject({ excluded: true, rating: 1 });
  });

  it('an exclusion needs a reason; unknown reviews are 404; another category is 403', async () => {
    const { rows } = await t.db.query(`SELECT id FROM reviews WHERE external_id = 'sc-1'`);
    expect(
      expectProblem(await t.http().post(`/v1/reviews/${rows[0].id}/exclusion`).set(bearer(admin)).send({}), 400).errors?.[0].field,
    ).toBe('reason');
    expectProblem(
      await t.http().post(`/v1/reviews/00000000-0000-4000-8000-000000000000/exclusion`).set(bearer(admin)).send({ reason: 'whatever' }),
      404,
    );
    const tourManager = t.token('category_manager', { categories: ['tour'] });
    expectProblem(await t.http().post(`/v1/reviews/${rows[0].id}/exclusion`).set(bearer(tourManager)).send({ reason: 'whatever' }), 403);
    expectProblem(await t.http().get(`/v1/suppliers/${s.id}/scorecard`).set(bearer(tourManager)), 403);
  });

  it('lists a supplier’s reviews newest first with a cursor, filterable by exclusion', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ id: string; reviewedAt: string }>; nextCursor: string | null } } = await t
        .http()
        .get(`/v1/suppliers/${s.id}/reviews?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
        .set(bearer(admin))
        .expect(200);
      seen.push(...res.body.items.map((r) => r.reviewedAt));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(history.length);
    expect([...seen].sort().reverse()).toEqual(seen);
    const excluded = await t.http().get(`/v1/suppliers/${s.id}/reviews?excluded=true`).set(bearer(admin)).expect(200);
    expect(excluded.body.items).toHaveLength(1);
  });

  it.each(['2026-02-30', '26-01-01', 'today', '2026-1-1'])('a bad asOf %s is 400', async (asOfValue) => {
    expect(
      expectProblem(await t.http().get(`/v1/suppliers/${s.id}/scorecard?asOf=${asOfValue}`).set(bearer(admin)), 400).errors?.[0].field,
    ).toBe('asOf');
  });
});
