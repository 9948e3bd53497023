import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSupplier, expectProblem, finishedRun, forceStatus, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** PRODUCT.md, Trust rules: "Managers act within their categories" (scoring runs and events). */
describe('managers act within their categories', () => {
  let t: TestApp;
  let admin: string;
  let hotelManager: string;
  let tourManager: string;
  let everyCategoryManager: string;
  let shopper: string;

  async function runCount(): Promise<number> {
    return (await t.db.query(`SELECT count(*)::int AS n FROM scoring_runs`)).rows[0].n;
  }
  async function walkEvents(token: string): Promise<Array<{ id: number; category: string; supplierId: string }>> {
    const seen: Array<{ id: number; category: string; supplierId: string }> = [];
    let after = 0;
    for (;;) {
      const page = (await t.http().get(`/v1/events?after=${after}&limit=1`).set(bearer(token)).expect(200)).body;
      seen.push(...page.items);
      if (!page.nextCursor) return seen;
      after = Number(page.nextCursor);
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    hotelManager = t.token('category_manager', { sub: 'hana', categories: ['hotel'] });
    tourManager = t.token('category_manager', { sub: 'tomas', categories: ['tour'] });
    everyCategoryManager = t.token('category_manager', { sub: 'ada' });
    shopper = t.token('mystery_shopper', { shopperId: '00000000-0000-4000-8000-000000000001' });
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour');
    // Events of both categories, interleaved: hotel, tour, hotel, tour.
    const hotel = await createSupplier(t, { externalRef: 'CM-H', category: 'hotel' });
    const tour = await createSupplier(t, { externalRef: 'CM-T', category: 'tour' });
    for (const s of [hotel, tour]) await forceStatus(t, s.id, 'ACTIVE');
    for (const [s, status] of [
      [hotel, 'SUSPENDED'],
      [tour, 'SUSPENDED'],
      [hotel, 'ACTIVE'],
      [tour, 'ACTIVE'],
    ] as const) {
      await t.http().post(`/v1/suppliers/${s.id}/status`).set(bearer(admin)).send({ status, reason: 'Inspection' }).expect(200);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  describe('scoring runs', () => {
    it('a category manager starts a run of its own category', async () => {
      const res = await t.http().post('/v1/scoring-runs').set(bearer(hotelManager)).send({ asOf: '2017-01-05', category: 'hotel' });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      const run = await finishedRun(t, res.body.id);
      expect(run).toMatchObject({ status: 'SUCCEEDED', asOf: '2017-01-05', category: 'hotel', trigger: 'MANUAL' });
      const { rows } = await t.db.query(`SELECT created_by FROM scoring_runs WHERE id = $1`, [res.body.id]);
      expect(rows).toEqual([{ created_by: 'hana' }]);
    });

    it('another category is 403, and writes nothing', async () => {
      const before = await runCount();
      const problem = expectProblem(
        await t.http().post('/v1/scoring-runs').set(bearer(hotelManager)).send({ asOf: '2017-01-05', category: 'tour' }),
        403,
      );
      expect(problem.detail).toContain('You do not manage category "tour"');
      // Not even a category without a policy is revealed as such to a manager of another one.
      expectProblem(await t.http().post('/v1/scoring-runs').set(bearer(hotelManager)).send({ category: 'flight' }), 403);
      expect(await runCount()).toBe(before);
    });

    it('a category manager must name the category: 400 naming category, even one who manages every category', async () => {
      const before = await runCount();
      for (const token of [hotelManager, everyCategoryManager]) {
        const problem = expectProblem(await t.http().post('/v1/scoring-runs').set(bearer(token)).send({ asOf: '2017-01-05' }), 400);
        expect(problem.errors).toEqual([{ field: 'category', message: 'is required for a category manager' }]);
      }
      expect(await runCount()).toBe(before);
    });

    it('a manager without a categories claim runs any one category', async () => {
      const res = await t.http().post('/v1/scoring-runs').set(bearer(everyCategoryManager)).send({ asOf: '2017-01-05', category: 'tour' });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect((await finishedRun(t, res.body.id)).status).toBe('SUCCEEDED');
    });

    it('a mystery shopper may not start a run: 403', async () => {
      expectProblem(await t.http().post('/v1/scoring-runs').set(bearer(shopper)).send({ asOf: '2017-01-05', category: 'hotel' }), 403);
    });
  });

  describe('events', () => {
    it('a category manager reads its categories’ events only, every one of them, in order, with the same cursor', async () => {
      const all = (await t.http().get('/v1/events?limit=500').set(bearer(admin)).expect(200)).body.items as Array<{
        id: number;
        category: string;
      }>;
      expect(all.map((e) => e.category)).toEqual(['hotel', 'tour', 'hotel', 'tour']);

      const hotel = await walkEvents(hotelManager);
      expect(hotel.map((e) => e.id)).toEqual(all.filter((e) => e.category === 'hotel').map((e) => e.id));
      const tour = await walkEvents(tourManager);
      expect(tour.map((e) => e.id)).toEqual(all.filter((e) => e.category === 'tour').map((e) => e.id));

      // `after` is an event id whatever the scope: after the first hotel event, the next hotel one (the tour event between is skipped).
      const page = (await t.http().get(`/v1/events?after=${all[0].id}&limit=1`).set(bearer(hotelManager)).expect(200)).body;
      expect(page.items.map((e: { id: number }) => e.id)).toEqual([all[2].id]);
      expect(page.nextCursor).toBeNull();
    });

    it('a manager without a categories claim reads every event, as an admin does', async () => {
      const all = (await t.http().get('/v1/events?limit=500').set(bearer(admin)).expect(200)).body.items;
      const theirs = (await t.http().get('/v1/events?limit=500').set(bearer(everyCategoryManager)).expect(200)).body.items;
      expect(theirs).toEqual(all);
    });

    it('a manager of a category with no events reads none; a mystery shopper is refused with 403', async () => {
      const flightManager = t.token('category_manager', { categories: ['flight'] });
      expect((await t.http().get('/v1/events').set(bearer(flightManager)).expect(200)).body).toEqual({ items: [], nextCursor: null });
      expectProblem(await t.http().get('/v1/events').set(bearer(shopper)), 403);
    });
  });
});
