import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Aspect, defaultAspects } from '../../src/policies/domain/aspects.js';
import type { AspectTag } from '../../src/voice/domain/tagger.js';
import { createSupplier, expectProblem, forceStatus, publishPolicy, sendReviews, type SupplierBody } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { taggerOf } from '../support/voice.js';

/**
 * The aspect reports and CRITICAL_ASPECT against counts taken independently: straight from the
 * stored tags (`review_aspects`) and the reviews' own ratings, instants and exclusion, never from
 * the roll-ups the endpoints read.
 */
const ASOF = '2026-06-01';
const DAY = 86_400_000;
const HOTEL = defaultAspects('hotel');

/** Texts a hotel's guests write, each with the rating it came with. */
const POOL: Array<[string, number]> = [
  ['Dirty room, rude staff at reception.', 1],
  ['Lovely clean room and friendly staff, great location.', 5],
  ['The breakfast was cold and the wifi never worked.', 2],
  ['Noisy street, thin walls, could not sleep.', 2],
  ['Rain all week; the booking site lost our reservation.', 1],
  ['Good value for the price, near the station.', 4],
  ['Shower was broken and towels were stained.', 1],
  ['Check-in took an hour, but the bed was comfortable.', 3],
  ['Great breakfast buffet, quiet room.', 5],
  ['Overpriced for what you get, the room smelled.', 2],
  // Complaints in reviews at or above the positive bar: their NEGATIVE tags are no driver of negative reviews.
  ['Great stay, but the wifi was terrible.', 4],
  ['Loved the hotel, though the breakfast was awful.', 5],
];

interface Tagged {
  supplierId: string;
  rating: number;
  at: number;
  excluded: boolean;
  tags: AspectTag[];
}

const inWindow = (r: { at: number }, asOf: string, fromDays: number, toDays = 0) => {
  const end = Date.parse(`${asOf}T00:00:00Z`);
  return r.at >= end - fromDays * DAY && r.at < end - toDays * DAY;
};

/** A supplier's aspects, independently: tags of the reviews that count (excluded ones leave every window) in each window, by instant. */
function expectedAspects(rows: Tagged[], supplierId: string, taxonomy: readonly Aspect[], asOf: string, days: number) {
  const count = (key: string, fromDays: number, toDays: number) => {
    const tags = rows
      .filter((r) => r.supplierId === supplierId && !r.excluded && inWindow(r, asOf, fromDays, toDays))
      .flatMap((r) => r.tags.filter((t) => t.key === key));
    return { mentions: tags.length, negative: tags.filter((t) => t.polarity === 'NEGATIVE').length };
  };
  const share = (c: { mentions: number; negative: number }) => (c.mentions > 0 ? c.negative / c.mentions : null);
  return taxonomy.map((a) => {
    const current = count(a.key, days, 0);
    const previous = count(a.key, 2 * days, days);
    return {
      key: a.key,
      label: a.label,
      supplierControllable: a.supplierControllable,
      mentions: current.mentions,
      negative: current.negative,
      negativeShare: share(current),
      previousNegativeShare: share(previous),
    };
  });
}

describe('aspect reports and CRITICAL_ASPECT', () => {
  let t: TestApp;
  let admin: string;
  const hotels: SupplierBody[] = [];
  let boundary: SupplierBody;
  let tourSupplier: SupplierBody;
  let carSupplier: SupplierBody;
  let rows: Tagged[];
  const names = new Map<string, string>();

  /** Every tagged review with its rating, instant and exclusion, read from the reviews and review_aspects tables. */
  async function taggedReviews(): Promise<Tagged[]> {
    const { rows: found } = await t.db.query<{
      supplier_id: string;
      rating: number;
      reviewed_at: Date;
      excluded: boolean;
      tags: AspectTag[];
    }>(
      `SELECT r.supplier_id, r.rating, r.reviewed_at, r.excluded_at IS NOT NULL AS excluded, a.tags
         FROM reviews r JOIN review_aspects a ON a.review_id = r.id`,
    );
    return found.map((r) => ({
      supplierId: r.supplier_id,
      rating: r.rating,
      at: r.reviewed_at.getTime(),
      excluded: r.excluded,
      tags: r.tags,
    }));
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
    await publishPolicy(t, 'tour');
    await publishPolicy(t, 'car');
    for (let i = 0; i < 7; i++) {
      const s = await createSupplier(t, { externalRef: `H${i}`, name: `Hotel ${i}`, category: 'hotel' });
      await forceStatus(t, s.id, 'ACTIVE');
      hotels.push(s);
      names.set(s.id, s.name);
    }
    // HB: only the boundary reviews below.
    boundary = await createSupplier(t, { externalRef: 'HB', name: 'Hotel at the boundary', category: 'hotel' });
    await forceStatus(t, boundary.id, 'ACTIVE');
    names.set(boundary.id, boundary.name);
    tourSupplier = await createSupplier(t, { externalRef: 'T0', category: 'tour' });
    carSupplier = await createSupplier(t, { externalRef: 'C0', category: 'car' });

    // A fixed pseudo-random year of reviews for each hotel (more for the lower-numbered ones, so
    // the top suppliers differ by aspect), some after the as-of date.
    let seed = 11;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const reviews: Array<Record<string, unknown>> = [];
    const start = Date.parse('2025-10-01T00:00:00Z');
    hotels.forEach((h, i) => {
      for (let k = 0; k < 40 - 4 * i; k++) {
        const [text, rating] = POOL[Math.floor(rand() * POOL.length)];
        const at = new Date(start + Math.floor(rand() * 260 * DAY)).toISOString();
        reviews.push({ externalId: `${h.externalRef}-${k}`, supplierRef: h.externalRef, rating, reviewedAt: at, text });
      }
    });
    const review = (id: string, ref: string, rating: number, reviewedAt: string, text: string, title?: string) =>
      reviews.push({ externalId: id, supplierRef: ref, rating, reviewedAt, text, ...(title ? { title } : {}) });
    // The 90-day window's boundaries: its first instant is in, the one before it is in the
    // previous window, the as-of instant is out; the same at the previous window's start.
    review('b-in', 'HB', 1, '2026-03-03T00:00:00.000Z', 'The room was dirty and the staff ignored us.');
    review('b-prev', 'HB', 2, '2026-03-02T23:59:59.999Z', 'Dirty bathroom, noisy room.');
    review('b-asof', 'HB', 1, '2026-06-01T00:00:00.000Z', 'Dirty room, awful breakfast.');
    review('b-prev-start', 'HB', 1, '2025-12-03T00:00:00.000Z', 'The staff were rude.');
    review('b-before', 'HB', 1, '2025-12-02T23:59:59.999Z', 'Dirty room.');
    // Critical: a negative safety mention in the window (H0); a positive one (H1); a negative one
    // before the window (H2).
    review('c-neg', 'H0', 1, '2026-05-10T12:00:00Z', 'Our bags were stolen from the room and security did nothing.', 'Stolen luggage');
    review('c-pos', 'H1', 5, '2026-05-10T12:00:00Z', 'Felt very safe, the staff were lovely.');
    review('c-old', 'H2', 1, '2026-02-10T12:00:00Z', 'The fire exit was locked, really dangerous.');
    // An excluded negative review: out of negativeReviews and out of the aspect roll-ups (its tags stay stored).
    review('x-1', 'H4', 1, '2026-04-01T12:00:00Z', 'Rain every day and the website double-charged us.');
    review('t-1', 'T0', 1, '2026-05-01T12:00:00Z', 'The guide was late and rude.');
    review('car-1', 'C0', 5, '2026-05-01T12:00:00Z', 'Clean car, quick pickup, fair price.');
    review('car-2', 'C0', 4, '2026-04-01T12:00:00Z', 'Good service.');
    await sendReviews(t, reviews);
    const { rows: excluded } = await t.db.query<{ id: string }>(`SELECT id FROM reviews WHERE external_id = 'x-1'`);
    await t
      .http()
      .post(`/v1/reviews/${excluded[0].id}/exclusion`)
      .set(bearer(admin))
      .send({ reason: 'Weather and the booking site' })
      .expect(200);

    expect((await taggerOf(t).drain()).tagged).toBe(reviews.length);
    rows = await taggedReviews();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a supplier's aspects over the default window and the previous one equal the counts of its stored tags", async () => {
    for (const h of hotels) {
      const res = await t.http().get(`/v1/suppliers/${h.id}/aspects?asOf=${ASOF}`).set(bearer(admin)).expect(200);
      expect(res.body).toEqual({ supplierId: h.id, asOf: ASOF, days: 90, aspects: expectedAspects(rows, h.id, HOTEL, ASOF, 90) });
    }
    // The excluded review is tagged, and its tags would change its hotel's report were they counted.
    const x1 = rows.filter((r) => r.excluded);
    expect(x1.length).toBe(1);
    expect(x1[0].tags.length).toBeGreaterThan(0);
    const withExcluded = expectedAspects(
      rows.map((r) => ({ ...r, excluded: false })),
      hotels[4].id,
      HOTEL,
      ASOF,
      90,
    );
    expect(withExcluded).not.toEqual(expectedAspects(rows, hotels[4].id, HOTEL, ASOF, 90));
    // Not vacuous: there is something in both windows.
    const h0 = (await t.http().get(`/v1/suppliers/${hotels[0].id}/aspects?asOf=${ASOF}`).set(bearer(admin))).body;
    expect(h0.aspects.some((a: { negativeShare: number | null }) => a.negativeShare !== null)).toBe(true);
    expect(h0.aspects.some((a: { previousNegativeShare: number | null }) => a.previousNegativeShare !== null)).toBe(true);
  });

  it('the window boundary at exactly asOf − days is in, the instant before is in the previous window, asOf itself is out', async () => {
    const tagsOf = (at: string) => rows.find((r) => r.supplierId === boundary.id && r.at === Date.parse(at))!.tags;
    const mentions = (tags: AspectTag[][], key: string) => tags.flat().filter((x) => x.key === key).length;
    const current = [tagsOf('2026-03-03T00:00:00.000Z')];
    const previous = [tagsOf('2026-03-02T23:59:59.999Z'), tagsOf('2025-12-03T00:00:00.000Z')];
    const res = await t.http().get(`/v1/suppliers/${boundary.id}/aspects?asOf=${ASOF}&days=90`).set(bearer(admin)).expect(200);
    expect(res.body.aspects).toEqual(expectedAspects(rows, boundary.id, HOTEL, ASOF, 90));
    for (const a of res.body.aspects as Array<{ key: string; mentions: number; negative: number; previousNegativeShare: number | null }>) {
      expect([a.key, a.mentions]).toEqual([a.key, mentions(current, a.key)]);
      // Every boundary review is rated 1 or 2: each mention is NEGATIVE, so the previous share is 1 where anything was said.
      expect([a.key, a.previousNegativeShare]).toEqual([a.key, mentions(previous, a.key) > 0 ? 1 : null]);
    }
    expect(current[0].length).toBeGreaterThan(0);
    expect(previous.flat().length).toBeGreaterThan(current[0].length);
    // A day later, the asOf review is in and the window's first one is out.
    const later = await t.http().get(`/v1/suppliers/${boundary.id}/aspects?asOf=2026-06-02&days=90`).set(bearer(admin)).expect(200);
    expect(later.body.aspects).toEqual(expectedAspects(rows, boundary.id, HOTEL, '2026-06-02', 90));
    const withAsOf = [tagsOf('2026-06-01T00:00:00.000Z')];
    for (const a of later.body.aspects as Array<{ key: string; mentions: number }>)
      expect([a.key, a.mentions]).toEqual([a.key, mentions(withAsOf, a.key)]);
    // And other lengths.
    for (const days of [1, 30, 180]) {
      const other = await t.http().get(`/v1/suppliers/${boundary.id}/aspects?asOf=${ASOF}&days=${days}`).set(bearer(admin)).expect(200);
      expect(other.body).toEqual({
        supplierId: boundary.id,
        asOf: ASOF,
        days,
        aspects: expectedAspects(rows, boundary.id, HOTEL, ASOF, days),
      });
    }
  });

  it("a category's drivers: negative reviews from the reviews, each aspect's share and top suppliers from the stored tags", async () => {
    for (const days of [90, 30, 365]) {
      const res = await t.http().get(`/v1/categories/hotel/drivers?asOf=${ASOF}&days=${days}`).set(bearer(admin)).expect(200);
      const hotelIds = new Set([...hotels, boundary].map((h) => h.id));
      // Every hotel review is tagged here, so the tagged rows stand for the reviews; excluded ones count nowhere.
      const window = rows.filter((r) => hotelIds.has(r.supplierId) && !r.excluded && inWindow(r, ASOF, days));
      const negativeReviews = window.filter((r) => r.rating < 4).length;
      const expected = HOTEL.map((a) => {
        const bySupplier = new Map<string, number>();
        for (const r of window.filter((x) => x.rating < 4))
          if (r.tags.some((tag) => tag.key === a.key && tag.polarity === 'NEGATIVE'))
            bySupplier.set(r.supplierId, (bySupplier.get(r.supplierId) ?? 0) + 1);
        const count = [...bySupplier.values()].reduce((x, y) => x + y, 0);
        const topSuppliers = [...bySupplier.entries()]
          .sort(([ia, a1], [ib, b1]) => b1 - a1 || (ia < ib ? -1 : 1))
          .slice(0, 5)
          .map(([supplierId, n]) => ({ supplierId, name: names.get(supplierId)!, count: n }));
        return {
          key: a.key,
          label: a.label,
          supplierControllable: a.supplierControllable,
          count,
          share: negativeReviews > 0 ? count / negativeReviews : 0,
          topSuppliers,
        };
      }).sort((x, y) => y.share - x.share || (x.key < y.key ? -1 : 1));
      expect(res.body).toEqual({ category: 'hotel', asOf: ASOF, days, negativeReviews, drivers: expected });
      expect(negativeReviews).toBeGreaterThan(0);
    }
    const def = await t.http().get(`/v1/categories/hotel/drivers?asOf=${ASOF}`).set(bearer(admin)).expect(200);
    expect(def.body.days).toBe(90);
    const top = def.body.drivers[0];
    expect(top.share).toBeGreaterThan(0);
    // Seven hotels: a driver names five at most.
    expect(def.body.drivers.some((d: { topSuppliers: unknown[] }) => d.topSuppliers.length === 5)).toBe(true);
  });

  it('a category with no negative reviews: every aspect listed with share 0', async () => {
    const res = await t.http().get(`/v1/categories/car/drivers?asOf=${ASOF}`).set(bearer(admin)).expect(200);
    expect(res.body.negativeReviews).toBe(0);
    expect(res.body.drivers.map((d: { key: string }) => d.key)).toEqual(
      defaultAspects('car')
        .map((a) => a.key)
        .sort(),
    );
    for (const d of res.body.drivers) expect(d).toMatchObject({ share: 0, count: 0, topSuppliers: [] });
    const mine = await t.http().get(`/v1/suppliers/${carSupplier.id}/aspects?asOf=${ASOF}`).set(bearer(admin)).expect(200);
    expect(mine.body.aspects).toEqual(expectedAspects(rows, carSupplier.id, defaultAspects('car'), ASOF, 90));
  });

  it('a supplier reads its own report at /v1/me/aspects, the same as a manager reads it', async () => {
    const h = hotels[1];
    const own = t.token('supplier', { supplierId: h.id });
    const mine = await t.http().get(`/v1/me/aspects?asOf=${ASOF}&days=60`).set(bearer(own)).expect(200);
    const managers = await t.http().get(`/v1/suppliers/${h.id}/aspects?asOf=${ASOF}&days=60`).set(bearer(admin)).expect(200);
    expect(mine.body).toEqual(managers.body);
  });

  it('unknown supplier or category → 404; a bad asOf or days → 400 or 422 naming the field', async () => {
    expectProblem(await t.http().get('/v1/suppliers/01937b6e-4a2c-7d10-8e3f-2b9c4d5e6f70/aspects').set(bearer(admin)), 404);
    expectProblem(await t.http().get('/v1/categories/zoo/drivers').set(bearer(admin)), 404);
    const field = async (url: string, status: number, name: string) => {
      const problem = expectProblem(await t.http().get(url).set(bearer(admin)), status);
      expect(problem.errors?.map((e) => e.field)).toEqual([name]);
    };
    for (const base of [`/v1/suppliers/${hotels[0].id}/aspects`, '/v1/categories/hotel/drivers']) {
      await field(`${base}?asOf=2026-02-30`, 400, 'asOf');
      await field(`${base}?asOf=yesterday`, 400, 'asOf');
      await field(`${base}?asOf=2099-01-01`, 422, 'asOf');
      await field(`${base}?asOf=1999-12-31`, 422, 'asOf');
      await field(`${base}?days=0`, 400, 'days');
      await field(`${base}?days=731`, 400, 'days');
      await field(`${base}?days=7.5`, 400, 'days');
      await field(`${base}?days=1e2`, 400, 'days');
    }
    await t.http().get(`/v1/categories/hotel/drivers?days=730&asOf=${ASOF}`).set(bearer(admin)).expect(200);
    await t.http().get(`/v1/suppliers/${hotels[0].id}/aspects?days=1`).set(bearer(admin)).expect(200);
  });

  it('refuses a mystery shopper, a supplier asking for another, and a manager of another category', async () => {
    const shopper = t.token('mystery_shopper', { shopperId: '01937e10-3d46-7c36-a4a5-8b1c2d3e4f50' });
    const supplier = t.token('supplier', { supplierId: hotels[1].id });
    const tourManager = t.token('category_manager', { categories: ['tour'] });
    const hotelManager = t.token('category_manager', { categories: ['hotel'] });
    for (const token of [shopper, supplier, tourManager]) {
      expectProblem(await t.http().get(`/v1/suppliers/${hotels[0].id}/aspects`).set(bearer(token)), 403);
      expectProblem(await t.http().get('/v1/categories/hotel/drivers').set(bearer(token)), 403);
    }
    expectProblem(
      await t
        .http()
        .get('/v1/categories/hotel/drivers')
        .set(bearer(t.token('integration'))),
      403,
    );
    expectProblem(await t.http().get('/v1/me/aspects').set(bearer(hotelManager)), 403);
    await t.http().get(`/v1/suppliers/${hotels[0].id}/aspects`).set(bearer(hotelManager)).expect(200);
    await t.http().get('/v1/categories/hotel/drivers').set(bearer(hotelManager)).expect(200);
    await t.http().get(`/v1/suppliers/${tourSupplier.id}/aspects`).set(bearer(tourManager)).expect(200);
    expectProblem(await t.http().get(`/v1/suppliers/${tourSupplier.id}/aspects`).set(bearer(hotelManager)), 403);
  });

  it('a negative mention of a critical aspect in the first evaluation window makes an audit target; a positive or older one does not', async () => {
    const critical = new Set(HOTEL.filter((a) => a.critical).map((a) => a.key));
    const expected = new Set(
      rows
        .filter((r) => inWindow(r, ASOF, 90) && r.tags.some((tag) => critical.has(tag.key) && tag.polarity === 'NEGATIVE'))
        .map((r) => r.supplierId),
    );
    // The data does what it means to: H0's theft is a negative safety mention, H1's is positive, H2's is before the window.
    expect(expected.has(hotels[0].id)).toBe(true);
    expect(expected.has(hotels[1].id)).toBe(false);
    expect(expected.has(hotels[2].id)).toBe(false);
    expect(
      rows.some((r) => r.supplierId === hotels[1].id && r.tags.some((tag) => tag.key === 'safety' && tag.polarity === 'POSITIVE')),
    ).toBe(true);
    expect(
      rows.some((r) => r.supplierId === hotels[2].id && r.tags.some((tag) => tag.key === 'safety' && tag.polarity === 'NEGATIVE')),
    ).toBe(true);

    const res = await t.http().get(`/v1/audit-targets?category=hotel&asOf=${ASOF}`).set(bearer(admin)).expect(200);
    const byId = new Map<string, { reasons: string[]; criticalAspects: Array<{ key: string; negative: number }> }>(
      res.body.map((x: { supplierId: string }) => [x.supplierId, x]),
    );
    for (const h of [...hotels, boundary]) {
      expect(byId.get(h.id)!.reasons.includes('CRITICAL_ASPECT'), h.externalRef).toBe(expected.has(h.id));
    }
    const negatives = rows.filter(
      (r) =>
        r.supplierId === hotels[0].id && inWindow(r, ASOF, 90) && r.tags.some((tag) => tag.key === 'safety' && tag.polarity === 'NEGATIVE'),
    ).length;
    expect(byId.get(hotels[0].id)!.criticalAspects).toEqual([{ key: 'safety', negative: negatives }]);
    expect(byId.get(hotels[1].id)!.criticalAspects).toEqual([]);
    // H2's older mention counts once the window reaches it: as of 2026-05-01, the 90 days start on 2026-01-31.
    const earlier = await t.http().get('/v1/audit-targets?category=hotel&asOf=2026-05-01').set(bearer(admin)).expect(200);
    expect(earlier.body.find((x: { supplierId: string }) => x.supplierId === hotels[2].id).reasons).toContain('CRITICAL_ASPECT');
  });
});
