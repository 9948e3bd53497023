import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { tagReview } from '../../src/voice/domain/tagger.js';
import { exclusionCandidate } from '../../src/voice/rules/exclusion-rule.js';
import { createSupplier, expectProblem, publishPolicy, sendReviews } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { aspect, queued, rollupsFromTags, storedRollups, taggerOf } from '../support/voice.js';

const TAXONOMY = [aspect('staff', ['staff', 'reception']), aspect('room', ['room']), aspect('weather', ['rain', 'weather'], false)];
/** Rated 1, about the weather alone: a candidate. */
const WEATHER = 'Rain ruined the whole week.';
/** Rated 1, about the staff and the weather: no candidate (a controllable aspect is negative). */
const STAFF = 'Rude staff, and rain all week.';

/** Exclusion by rule (issue 18, item 4) in each mode, its proposals, and a person's decisions the rule never overrides. */
describe('exclusion by rule', () => {
  let t: TestApp;
  let admin: string;
  let hotelManager: string;
  let tourManager: string;
  const supplier: Record<string, string> = {};
  let n = 0;
  const send = async (category: string, text: string, rating = 1) => {
    const externalId = `ex-${category}-${n++}`;
    await sendReviews(t, [{ externalId, supplierId: supplier[category], rating, reviewedAt: '2026-10-05T08:00:00.000Z', text }]);
    return (await t.db.query<{ id: string }>(`SELECT id FROM reviews WHERE external_id = $1`, [externalId])).rows[0].id;
  };
  const review = async (id: string) => (await t.http().get(`/v1/reviews/${id}`).set(bearer(admin)).expect(200)).body;
  const proposalOf = async (reviewId: string) =>
    (await t.db.query<{ id: string; status: string }>(`SELECT id, status FROM exclusion_proposals WHERE review_id = $1`, [reviewId])).rows;
  const retag = async (category: string) => {
    await t.http().post(`/v1/policies/${category}/retag`).set(bearer(admin)).expect(202);
    return taggerOf(t).drain();
  };
  /** Scoring's roll-ups equal the reviews that count (not excluded), counted independently. */
  const expectScoringRollups = async () => {
    const stored = await t.db.query<{ k: string }>(
      `SELECT concat_ws('|', supplier_id, day, rating, n) AS k FROM review_daily_rollups WHERE n > 0`,
    );
    const counted = await t.db.query<{ k: string }>(
      `SELECT concat_ws('|', supplier_id, (reviewed_at AT TIME ZONE 'UTC')::date, rating, count(*)) AS k
         FROM reviews WHERE excluded_at IS NULL GROUP BY supplier_id, (reviewed_at AT TIME ZONE 'UTC')::date, rating`,
    );
    expect(stored.rows.map((r) => r.k).sort()).toEqual(counted.rows.map((r) => r.k).sort());
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    hotelManager = t.token('category_manager', { categories: ['hotel'] });
    tourManager = t.token('category_manager', { categories: ['tour'] });
    await publishPolicy(t, 'hotel', { aspects: TAXONOMY });
    await publishPolicy(t, 'tour', { aspects: TAXONOMY, autoExclusion: 'APPLY' });
    await publishPolicy(t, 'guide', { aspects: TAXONOMY, autoExclusion: 'OFF' });
    for (const category of ['hotel', 'tour', 'guide'])
      supplier[category] = (await createSupplier(t, { category, name: `The ${category} supplier` })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads the texts as the tests assume (precondition: the tagger makes WEATHER a candidate and STAFF none)', () => {
    const read = (text: string, rating: number) =>
      exclusionCandidate({ rating }, tagReview({ title: null, text, rating }, TAXONOMY, 4), TAXONOMY, 4);
    expect(read(WEATHER, 1)).toEqual(['weather']);
    expect(read(STAFF, 1)).toBeNull();
    expect(read(WEATHER, 5)).toBeNull();
  });

  describe('PROPOSE (the default)', () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      ids.accepted = await send('hotel', WEATHER);
      ids.rejected = await send('hotel', WEATHER);
      ids.pending = await send('hotel', WEATHER);
      ids.staff = await send('hotel', STAFF);
      ids.positive = await send('hotel', WEATHER, 5);
      ids.manual = await send('hotel', WEATHER);
      // A person excluded this one before the tagger read it: the rule leaves it alone.
      await t
        .http()
        .post(`/v1/reviews/${ids.manual}/exclusion`)
        .set(bearer(admin))
        .send({ reason: 'The manager saw it first' })
        .expect(200);
    });

    it('queues one PENDING proposal per candidate, excludes nothing, and lists them to the managers of the category', async () => {
      const outcome = await taggerOf(t).drain();
      expect(outcome).toMatchObject({ tagged: 6, proposed: 3, applied: 0 });
      for (const key of ['accepted', 'rejected', 'pending']) expect((await review(ids[key])).excluded).toBe(false);
      for (const key of ['staff', 'positive', 'manual']) expect(await proposalOf(ids[key])).toEqual([]);
      const list = await t.http().get('/v1/exclusion-proposals?status=PENDING').set(bearer(hotelManager)).expect(200);
      expect(list.body.items.map((p: { reviewId: string }) => p.reviewId).sort()).toEqual([ids.accepted, ids.rejected, ids.pending].sort());
      expect(list.body.items.find((p: { reviewId: string }) => p.reviewId === ids.accepted)).toEqual({
        id: expect.any(String),
        reviewId: ids.accepted,
        supplierId: supplier.hotel,
        supplierName: 'The hotel supplier',
        category: 'hotel',
        aspects: ['weather'],
        policyVersion: 1,
        status: 'PENDING',
        reason: null,
        createdAt: expect.any(String),
        decidedBy: null,
        decidedAt: null,
      });
      const page = await t.http().get('/v1/exclusion-proposals?category=hotel&limit=2').set(bearer(admin)).expect(200);
      expect(page.body.items).toHaveLength(2);
      const next = await t
        .http()
        .get(`/v1/exclusion-proposals?category=hotel&cursor=${page.body.nextCursor}`)
        .set(bearer(admin))
        .expect(200);
      expect(next.body.items).toHaveLength(1);
      expect(next.body.nextCursor).toBeNull();
      expect([...page.body.items, ...next.body.items]).toEqual(list.body.items);
      // Another category's manager sees none of them, and may not ask for them.
      expect((await t.http().get('/v1/exclusion-proposals').set(bearer(tourManager)).expect(200)).body.items).toEqual([]);
      expectProblem(await t.http().get('/v1/exclusion-proposals?category=hotel').set(bearer(tourManager)), 403);
      expectProblem(await t.http().get('/v1/exclusion-proposals?status=MAYBE').set(bearer(admin)), 400);
      expectProblem(
        await t
          .http()
          .get('/v1/exclusion-proposals')
          .set(bearer(t.token('integration'))),
        403,
      );
    });

    it('accept excludes the review as a manual exclusion would, logged with the rule and the aspects; a second decision is 409', async () => {
      const [{ id }] = await proposalOf(ids.accepted);
      expectProblem(await t.http().post(`/v1/exclusion-proposals/${id}/accept`).set(bearer(tourManager)).send({}), 403);
      const res = await t.http().post(`/v1/exclusion-proposals/${id}/accept`).set(bearer(hotelManager)).send({});
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({
        id,
        status: 'ACCEPTED',
        decidedBy: 'test-category_manager',
        reason: expect.stringMatching(/weather/),
      });
      const got = await review(ids.accepted);
      expect(got.excluded).toBe(true);
      expect(got.exclusionLog).toEqual([
        expect.objectContaining({
          action: 'EXCLUDED',
          actor: 'test-category_manager',
          rule: 'NON_CONTROLLABLE_ASPECTS',
          aspects: ['weather'],
        }),
      ]);
      await expectScoringRollups();
      expectProblem(await t.http().post(`/v1/exclusion-proposals/${id}/accept`).set(bearer(hotelManager)).send({}), 409);
      expectProblem(
        await t.http().post(`/v1/exclusion-proposals/${id}/reject`).set(bearer(admin)).send({ reason: 'Changed my mind' }),
        409,
      );
    });

    it('reject keeps the review counting, with the reason; malformed and unknown requests are refused', async () => {
      const [{ id }] = await proposalOf(ids.rejected);
      expectProblem(await t.http().post(`/v1/exclusion-proposals/${id}/reject`).set(bearer(admin)).send({}), 400);
      expectProblem(await t.http().post(`/v1/exclusion-proposals/${id}/reject`).set(bearer(admin)).send({ reason: '  ' }), 400);
      expectProblem(await t.http().post(`/v1/exclusion-proposals/${id}/reject`).set(bearer(tourManager)).send({ reason: 'Not mine' }), 403);
      const res = await t
        .http()
        .post(`/v1/exclusion-proposals/${id}/reject`)
        .set(bearer(hotelManager))
        .send({ reason: 'The roof leaked too' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: 'REJECTED', reason: 'The roof leaked too', decidedBy: 'test-category_manager' });
      expect((await review(ids.rejected)).excluded).toBe(false);
      expectProblem(await t.http().post(`/v1/exclusion-proposals/${id}/accept`).set(bearer(admin)).send({}), 409);
      const unknown = '01937f80-9b8a-7a7a-a8e9-cf5061728394';
      expectProblem(await t.http().post(`/v1/exclusion-proposals/${unknown}/accept`).set(bearer(admin)).send({}), 404);
      expectProblem(await t.http().post(`/v1/exclusion-proposals/${unknown}/reject`).set(bearer(admin)).send({ reason: 'Gone' }), 404);
      expectProblem(await t.http().post(`/v1/exclusion-proposals/not-an-id/accept`).set(bearer(admin)).send({}), 400);
      expectProblem(
        await t
          .http()
          .post(`/v1/exclusion-proposals/${unknown}/accept`)
          .set(bearer(t.token('integration')))
          .send({}),
        403,
      );
    });

    it('a retag proposes nothing again, accepted or rejected, and keeps every decision', async () => {
      const outcome = await retag('hotel');
      expect(outcome).toMatchObject({ tagged: 6, proposed: 0, applied: 0 });
      expect((await proposalOf(ids.accepted))[0].status).toBe('ACCEPTED');
      expect((await proposalOf(ids.rejected))[0].status).toBe('REJECTED');
      expect((await proposalOf(ids.pending))[0].status).toBe('PENDING');
      const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM exclusion_proposals`);
      expect(rows[0].n).toBe(3);
    });

    it('switched to APPLY, a retag applies the pending one (closing it as the rule) but never the rejected one', async () => {
      await t.http().patch('/v1/policies/hotel').set(bearer(admin)).send({ autoExclusion: 'APPLY' }).expect(201);
      const outcome = await retag('hotel');
      expect(outcome).toMatchObject({ proposed: 0, applied: 1 });
      const pending = await review(ids.pending);
      expect(pending.excluded).toBe(true);
      expect(pending.exclusionLog).toEqual([
        expect.objectContaining({
          action: 'EXCLUDED',
          actor: 'rule:auto-exclusion',
          rule: 'NON_CONTROLLABLE_ASPECTS',
          aspects: ['weather'],
        }),
      ]);
      const [decided] = (
        await t.http().get('/v1/exclusion-proposals?category=hotel&status=ACCEPTED').set(bearer(admin)).expect(200)
      ).body.items.filter((p: { reviewId: string }) => p.reviewId === ids.pending);
      expect(decided).toMatchObject({ status: 'ACCEPTED', decidedBy: 'rule:auto-exclusion', policyVersion: 1 });
      expect((await review(ids.rejected)).excluded).toBe(false);
      expect((await review(ids.accepted)).exclusionLog).toHaveLength(1);
      expect((await review(ids.manual)).exclusionLog).toEqual([
        expect.objectContaining({ actor: 'test-admin', rule: null, aspects: null }),
      ]);
      await expectScoringRollups();
    });
  });

  describe('APPLY', () => {
    let applied: string;
    it('excludes a candidate at once, as a manual exclusion would, logged with the rule, its aspects and the rule as actor', async () => {
      applied = await send('tour', WEATHER);
      const staff = await send('tour', STAFF);
      const outcome = await taggerOf(t).drain();
      expect(outcome).toMatchObject({ tagged: 2, proposed: 0, applied: 1 });
      const got = await review(applied);
      expect(got).toMatchObject({ excluded: true, excludedReason: expect.stringMatching(/NON_CONTROLLABLE_ASPECTS.*weather/) });
      expect(got.exclusionLog).toEqual([
        expect.objectContaining({
          action: 'EXCLUDED',
          actor: 'rule:auto-exclusion',
          rule: 'NON_CONTROLLABLE_ASPECTS',
          aspects: ['weather'],
        }),
      ]);
      expect((await review(staff)).excluded).toBe(false);
      expect(await proposalOf(applied)).toEqual([]);
      await expectScoringRollups();
      // Counted out of the aspect roll-ups in the same batch, its tags kept.
      const { rows } = await t.db.query<{ counted: boolean; tags: unknown[] }>(
        `SELECT counted, tags FROM review_aspects WHERE review_id = $1`,
        [applied],
      );
      expect(rows[0].counted).toBe(false);
      expect(rows[0].tags.length).toBeGreaterThan(0);
      expect(await storedRollups(t)).toEqual(await rollupsFromTags(t));
      expect(await queued(t)).toBe(0);
    });

    it('reverted by a manager, the exclusion is not applied again on a retag', async () => {
      const res = await t
        .http()
        .delete(`/v1/reviews/${applied}/exclusion`)
        .set(bearer(tourManager))
        .send({ reason: 'The rain closed their pool' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.excluded).toBe(false);
      await expectScoringRollups();
      // The revert queues the review, and its retag counts it back into the aspect roll-ups.
      expect(await queued(t)).toBe(1);
      const before = await storedRollups(t);
      expect(await taggerOf(t).drain()).toMatchObject({ tagged: 1, applied: 0 });
      const after = await storedRollups(t);
      expect(after).toEqual(await rollupsFromTags(t));
      expect(after).not.toEqual(before);
      const outcome = await retag('tour');
      expect(outcome).toMatchObject({ tagged: 2, applied: 0, proposed: 0 });
      const got = await review(applied);
      expect(got.excluded).toBe(false);
      expect(got.exclusionLog.map((e: { action: string }) => e.action)).toEqual(['EXCLUDED', 'REVERTED']);
      // Updated words are retagged, and still not applied: a person decided this review counts.
      const { rows } = await t.db.query<{ external_id: string }>(`SELECT external_id FROM reviews WHERE id = $1`, [applied]);
      const again = { supplierId: supplier.tour, rating: 1, reviewedAt: '2026-10-05T08:00:00.000Z', text: 'Rain, rain, rain.' };
      await sendReviews(t, [{ externalId: rows[0].external_id, ...again }]);
      expect((await taggerOf(t).drain()).applied).toBe(0);
      expect((await review(applied)).excluded).toBe(false);
      await expectScoringRollups();
    });
  });

  it('OFF: a candidate is neither proposed nor excluded', async () => {
    const id = await send('guide', WEATHER);
    expect(await taggerOf(t).drain()).toMatchObject({ tagged: 1, proposed: 0, applied: 0 });
    expect((await review(id)).excluded).toBe(false);
    expect(await proposalOf(id)).toEqual([]);
  });
});
