import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { tagReview } from '../../src/voice/domain/tagger.js';
import { createSupplier, expectProblem, publishPolicy, sendReviews } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { aspect, expectTagsAsTagged, queued, rollupsFromTags, storedRollups, taggerOf } from '../support/voice.js';

const TAXONOMY = [
  aspect('staff', ['staff', 'reception']),
  aspect('room', ['room']),
  aspect('breakfast', ['breakfast']),
  aspect('weather', ['rain', 'weather'], false),
];
const TEXTS = [
  'The staff were lovely and the room was spotless.',
  'Breakfast was cold and the reception ignored us.',
  'Rain all week, nothing to do.',
  'Fine.',
  'The room was small but the breakfast was great.',
];

/** The background tagger (issue 18, items 2 and 3): the queue ingestion fills, the tags and roll-ups it writes, retags. */
describe('tagging reviews in the background', () => {
  let t: TestApp;
  let admin: string;
  let suppliers: string[];
  const review = (i: number, extra: Record<string, unknown> = {}) => ({
    externalId: `tg-${i}`,
    supplierId: suppliers[i % suppliers.length],
    rating: 1 + (i % 5),
    reviewedAt: new Date(Date.UTC(2026, 9, 1 + (i % 20), (i * 7) % 24)).toISOString(),
    title: i % 3 === 0 ? 'Our stay' : undefined,
    text: TEXTS[i % TEXTS.length],
    ...extra,
  });
  /** Tags counted in the roll-ups (each tag is one mention of its aspect). */
  const mentions = (rollups: Record<string, number>) =>
    Object.entries(rollups)
      .filter(([k]) => k.endsWith('|mentions'))
      .reduce((sum, [, n]) => sum + n, 0);
  const reviewId = async (externalId: string) =>
    (await t.db.query<{ id: string }>(`SELECT id FROM reviews WHERE external_id = $1`, [externalId])).rows[0].id;

  beforeAll(async () => {
    // Small batches, so a drain is several transactions and concurrent drains interleave.
    t = await startTestApp({ tagger: { batchSize: 7 } });
    admin = t.token('admin');
    await publishPolicy(t, 'hotel', { aspects: TAXONOMY });
    await publishPolicy(t, 'tour');
    suppliers = [(await createSupplier(t)).id, (await createSupplier(t)).id, (await createSupplier(t)).id];
  });
  afterAll(async () => {
    await t.close();
  });

  it('ingestion queues every new review in its transaction; an untagged review shows no aspects and no version', async () => {
    await sendReviews(
      t,
      Array.from({ length: 40 }, (_, i) => review(i)),
    );
    expect(await queued(t)).toBe(40);
    const status = await t
      .http()
      .get('/v1/review-tagging')
      .set(bearer(t.token('integration')))
      .expect(200);
    expect(status.body.pending).toBe(40);
    expect(Date.parse(status.body.oldestEnqueuedAt)).toBeLessThanOrEqual(Date.now());
    expect(status.body.lagSeconds).toBeGreaterThanOrEqual(0);
    const got = await t
      .http()
      .get(`/v1/reviews/${await reviewId('tg-1')}`)
      .set(bearer(admin))
      .expect(200);
    expect(got.body).toMatchObject({ aspects: [], aspectsPolicyVersion: null });
    // A repeat is a duplicate: nothing to retag.
    await sendReviews(t, [review(1)]);
    expect(await queued(t)).toBe(40);
  });

  it('the tagger tags each review with the latest policy and counts the tags into the roll-ups', async () => {
    const outcome = await taggerOf(t).drain();
    expect(outcome.tagged).toBe(40);
    expect(await queued(t)).toBe(0);
    expect(await expectTagsAsTagged(t, { aspects: TAXONOMY, positiveMinRating: 4, version: 1 })).toBe(40);
    const rollups = await storedRollups(t);
    expect(Object.keys(rollups).length).toBeGreaterThan(5);
    expect(rollups).toEqual(await rollupsFromTags(t));
    expect(mentions(rollups)).toBe(outcome.tags);
    const status = await t.http().get('/v1/review-tagging').set(bearer(admin)).expect(200);
    expect(status.body).toEqual({ pending: 0, oldestEnqueuedAt: null, lagSeconds: 0 });
    // Served with the review, and in the supplier's list.
    const id = await reviewId('tg-1');
    const expected = tagReview({ title: null, text: TEXTS[1], rating: 2 }, TAXONOMY, 4);
    expect(expected.map((a) => a.key)).toEqual(['breakfast', 'staff']);
    const got = await t.http().get(`/v1/reviews/${id}`).set(bearer(admin)).expect(200);
    expect(got.body).toMatchObject({ aspects: expected, aspectsPolicyVersion: 1 });
    const list = await t.http().get(`/v1/suppliers/${suppliers[1]}/reviews?limit=100`).set(bearer(admin)).expect(200);
    expect(list.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({ aspects: expected, aspectsPolicyVersion: 1 });
    // Nothing left: another drain does nothing.
    expect((await taggerOf(t).drain()).tagged).toBe(0);
  });

  it('an update of the words or the rating is retagged, counted out of its old roll-up rows; one of productRef alone is not', async () => {
    await sendReviews(t, [
      review(1, { text: 'Lovely staff, but the rain never stopped.' }),
      review(2, { rating: 5 }),
      review(3, { productRef: 'room-twin' }),
      review(4, { reviewedAt: '2026-10-25T12:00:00.000Z', supplierId: suppliers[0] }),
    ]);
    expect(await queued(t)).toBe(3);
    expect((await taggerOf(t).drain()).tagged).toBe(3);
    await expectTagsAsTagged(t, { aspects: TAXONOMY, positiveMinRating: 4, version: 1 });
    expect(await storedRollups(t)).toEqual(await rollupsFromTags(t));
    const got = await t
      .http()
      .get(`/v1/reviews/${await reviewId('tg-1')}`)
      .set(bearer(admin))
      .expect(200);
    expect(got.body.aspects.map((a: { key: string }) => a.key)).toEqual(['staff', 'weather']);
  });

  it('three concurrent drains tag each review once', async () => {
    await sendReviews(
      t,
      Array.from({ length: 150 }, (_, i) => review(100 + i)),
    );
    const before = await storedRollups(t);
    const outcomes = await Promise.all([taggerOf(t).drain(), taggerOf(t).drain(), taggerOf(t).drain()]);
    expect(outcomes.reduce((sum, o) => sum + o.tagged, 0)).toBe(150);
    expect(outcomes.filter((o) => o.tagged > 0).length).toBeGreaterThan(1);
    expect(await queued(t)).toBe(0);
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_aspects`);
    expect(rows[0].n).toBe(190);
    const after = await storedRollups(t);
    expect(after).toEqual(await rollupsFromTags(t));
    const added = mentions(after) - mentions(before);
    expect(added).toBe(outcomes.reduce((sum, o) => sum + o.tags, 0));
  });

  it('a batch that fails mid-way rolls its claim back: nothing is lost, the next drain tags it', async () => {
    await sendReviews(t, [review(300), review(301)]);
    // The roll-up write fails after the claim and the tags were written in the batch's transaction.
    await t.db.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$`);
    await t.db.query(`CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON review_aspect_daily_rollups FOR EACH ROW EXECUTE FUNCTION refuse()`);
    await expect(taggerOf(t).drain()).rejects.toThrow(/disk on fire/);
    await t.db.query(`DROP TRIGGER refuse ON review_aspect_daily_rollups; DROP FUNCTION refuse()`);
    expect(await queued(t)).toBe(2);
    const { rows } = await t.db.query(
      `SELECT 1 FROM review_aspects a JOIN reviews r ON r.id = a.review_id WHERE r.external_id IN ('tg-300', 'tg-301')`,
    );
    expect(rows).toEqual([]);
    expect((await taggerOf(t).drain()).tagged).toBe(2);
    expect(await storedRollups(t)).toEqual(await rollupsFromTags(t));
  });

  it('a taxonomy change (PATCH aspects) then a retag changes the tags and the roll-ups consistently', async () => {
    const changed = [
      ...TAXONOMY.filter((a) => a.key !== 'breakfast'),
      aspect('food', ['breakfast', 'dinner']),
      aspect('calm', ['nothing to do']),
    ];
    const patched = await t.http().patch('/v1/policies/hotel').set(bearer(admin)).send({ aspects: changed });
    expect(patched.status, JSON.stringify(patched.body)).toBe(201);
    // Stored tags stay until retagged.
    expect(await queued(t)).toBe(0);
    const before = await t
      .http()
      .get(`/v1/reviews/${await reviewId('tg-2')}`)
      .set(bearer(admin))
      .expect(200);
    expect(before.body.aspectsPolicyVersion).toBe(1);
    const res = await t
      .http()
      .post('/v1/policies/hotel/retag')
      .set(bearer(t.token('category_manager', { categories: ['hotel'] })));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toEqual({ category: 'hotel', policyVersion: 2, queued: 192 });
    expect(await queued(t)).toBe(192);
    expect((await taggerOf(t).drain()).tagged).toBe(192);
    await expectTagsAsTagged(t, { aspects: changed, positiveMinRating: 4, version: 2 });
    const rollups = await storedRollups(t);
    expect(rollups).toEqual(await rollupsFromTags(t));
    expect(Object.keys(rollups).some((k) => k.includes('|breakfast|'))).toBe(false);
    expect(Object.keys(rollups).some((k) => k.includes('|food|'))).toBe(true);
    const after = await t
      .http()
      .get(`/v1/reviews/${await reviewId('tg-2')}`)
      .set(bearer(admin))
      .expect(200);
    expect(after.body.aspectsPolicyVersion).toBe(2);
    expect(after.body.aspects.map((a: { key: string }) => a.key)).toEqual(['calm', 'weather']);
  });

  it('an exclusion counts the review out of the aspect roll-ups and the report, its revert back in', async () => {
    const id = await reviewId('tg-1');
    const supplierId = suppliers[1];
    const report = async () =>
      (await t.http().get(`/v1/suppliers/${supplierId}/aspects?asOf=2026-10-25&days=30`).set(bearer(admin)).expect(200)).body
        .aspects as Array<{ key: string; mentions: number; negative: number }>;
    const count = (lines: Array<{ key: string; mentions: number; negative: number }>, key: string) =>
      lines.find((l) => l.key === key) ?? { mentions: 0, negative: 0 };
    const { rows } = await t.db.query<{ tags: Array<{ key: string; polarity: string }> }>(
      `SELECT tags FROM review_aspects WHERE review_id = $1`,
      [id],
    );
    const tags = rows[0].tags;
    expect(tags.length).toBeGreaterThan(0);
    const before = await report();
    const all = await storedRollups(t);

    await t.http().post(`/v1/reviews/${id}/exclusion`).set(bearer(admin)).send({ reason: 'not about the hotel' }).expect(200);
    expect(await queued(t)).toBe(1);
    expect((await taggerOf(t).drain()).tagged).toBe(1);
    const excluded = await storedRollups(t);
    expect(excluded).toEqual(await rollupsFromTags(t));
    expect(mentions(excluded)).toBe(mentions(all) - tags.length);
    const during = await report();
    for (const tag of tags) {
      expect(count(during, tag.key).mentions).toBe(count(before, tag.key).mentions - 1);
      expect(count(during, tag.key).negative).toBe(count(before, tag.key).negative - (tag.polarity === 'NEGATIVE' ? 1 : 0));
    }
    // Still tagged, and served with the review.
    const got = await t.http().get(`/v1/reviews/${id}`).set(bearer(admin)).expect(200);
    expect(got.body.aspects.map((a: { key: string }) => a.key)).toEqual(tags.map((tag) => tag.key));

    await t.http().delete(`/v1/reviews/${id}/exclusion`).set(bearer(admin)).expect(200);
    expect(await queued(t)).toBe(1);
    expect((await taggerOf(t).drain()).tagged).toBe(1);
    expect(await storedRollups(t)).toEqual(all);
    expect(await report()).toEqual(before);
  });

  it('a retag of a category without reviews queues none; of one without a policy is 404', async () => {
    const res = await t.http().post('/v1/policies/tour/retag').set(bearer(admin));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ category: 'tour', policyVersion: 1, queued: 0 });
    expectProblem(await t.http().post('/v1/policies/museum/retag').set(bearer(admin)), 404);
    expectProblem(await t.http().post('/v1/policies/Hotel!/retag').set(bearer(admin)), 400);
  });

  it('refuses callers by role and by category', async () => {
    const tourManager = t.token('category_manager', { categories: ['tour'] });
    expectProblem(await t.http().post('/v1/policies/hotel/retag').set(bearer(tourManager)), 403);
    expectProblem(
      await t
        .http()
        .post('/v1/policies/hotel/retag')
        .set(bearer(t.token('integration'))),
      403,
    );
    expectProblem(await t.http().post('/v1/policies/hotel/retag'), 401);
    expect(await queued(t)).toBe(0);
    expectProblem(
      await t
        .http()
        .get('/v1/review-tagging')
        .set(bearer(t.token('mystery_shopper', { shopperId: 'x' }))),
      403,
    );
    expectProblem(
      await t
        .http()
        .get('/v1/review-tagging')
        .set(bearer(t.token('supplier', { supplierId: suppliers[0] }))),
      403,
    );
    await t.http().get('/v1/review-tagging').set(bearer(tourManager)).expect(200);
  });
});

describe('the tagger in the server process', () => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('tags what ingestion queues without being asked, polling when idle, and stops with the app', async () => {
    t = await startTestApp({ tagger: { enabled: true, intervalMs: 20, batchSize: 10 } });
    await publishPolicy(t, 'hotel');
    const supplier = await createSupplier(t);
    await sendReviews(
      t,
      Array.from({ length: 25 }, (_, i) => ({
        externalId: `bg-${i}`,
        supplierId: supplier.id,
        rating: 1 + (i % 5),
        reviewedAt: '2026-10-01T10:00:00.000Z',
        text: 'Friendly staff, noisy room.',
      })),
    );
    for (let i = 0; i < 200 && (await queued(t)) > 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await queued(t)).toBe(0);
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM review_aspects`);
    expect(rows[0].n).toBe(25);
    expect(await storedRollups(t)).toEqual(await rollupsFromTags(t));
  });
});
