import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { defaultAspects } from '../../src/policies/domain/aspects.js';
import { expectProblem, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** The taxonomy (`aspects`) and the exclusion rule's mode (`autoExclusion`) of a policy, versioned with it. */
describe('policy taxonomy and autoExclusion', () => {
  let t: TestApp;
  let admin: string;
  const pool = { key: 'pool', label: 'Pool', supplierControllable: true, critical: false, terms: ['pool', '泳池'] };
  const rain = { key: 'rain', label: 'Rain', supplierControllable: false, critical: false, terms: ['rain'] };
  const put = (category: string, body: object) => t.http().put(`/v1/policies/${category}`).set(bearer(admin)).send(body);
  const patch = (category: string, body: object) => t.http().patch(`/v1/policies/${category}`).set(bearer(admin)).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it("a PUT without aspects stores the category's built-in taxonomy, and autoExclusion PROPOSE", async () => {
    const hotel = await publishPolicy(t, 'hotel');
    expect(hotel.aspects).toEqual(defaultAspects('hotel'));
    expect(hotel.autoExclusion).toBe('PROPOSE');
    const museum = await publishPolicy(t, 'museum');
    expect(museum.aspects).toEqual(defaultAspects('museum'));
    expect(museum.aspects).not.toEqual(hotel.aspects);
    const { rows } = await t.db.query(`SELECT aspects, auto_exclusion FROM policies WHERE category = 'hotel' AND version = 1`);
    expect(rows[0]).toEqual({ aspects: defaultAspects('hotel'), auto_exclusion: 'PROPOSE' });
  });

  it('PATCH keeps the base taxonomy unless given; a given list replaces it whole; GET and versions show it', async () => {
    const v2 = await patch('hotel', { autoExclusion: 'APPLY' });
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, autoExclusion: 'APPLY', aspects: defaultAspects('hotel') });
    const v3 = await patch('hotel', { aspects: [pool, rain] });
    expect(v3.status, JSON.stringify(v3.body)).toBe(201);
    expect(v3.body).toMatchObject({ version: 3, autoExclusion: 'APPLY', aspects: [pool, rain] });
    const latest = await t.http().get('/v1/policies/hotel').set(bearer(admin)).expect(200);
    expect(latest.body.aspects).toEqual([pool, rain]);
    const versions = await t.http().get('/v1/policies/hotel/versions').set(bearer(admin)).expect(200);
    expect(versions.body.items.map((v: { aspects: unknown[] }) => v.aspects.length)).toEqual([
      2,
      defaultAspects('hotel').length,
      defaultAspects('hotel').length,
    ]);
    // PUT is a full replacement: back to the built-in taxonomy and PROPOSE.
    const v4 = await publishPolicy(t, 'hotel', { minReviews: 12 });
    expect(v4).toMatchObject({ version: 4, autoExclusion: 'PROPOSE', aspects: defaultAspects('hotel') });
  });

  it('the diff lists aspects whole, and autoExclusion, like the checklist', async () => {
    const d = await t.http().get('/v1/policies/hotel/versions/3/diff').set(bearer(admin)).expect(200);
    expect(d.body).toEqual({ from: 2, to: 3, changes: [{ field: 'aspects', from: defaultAspects('hotel'), to: [pool, rain] }] });
    const d2 = await t.http().get('/v1/policies/hotel/versions/2/diff').set(bearer(admin)).expect(200);
    expect(d2.body.changes).toEqual([{ field: 'autoExclusion', from: 'PROPOSE', to: 'APPLY' }]);
    // Version 1 took the hotel defaults: nothing differs from them.
    const d1 = await t.http().get('/v1/policies/hotel/versions/1/diff').set(bearer(admin)).expect(200);
    expect(d1.body).toEqual({ from: null, to: 1, changes: [] });
  });

  it("a version stored before the taxonomy existed (NULL aspects) reads as the category's default, and PATCH builds on it", async () => {
    await publishPolicy(t, 'tour');
    await t.db.query(`ALTER TABLE policies DISABLE TRIGGER USER`);
    await t.db.query(`UPDATE policies SET aspects = NULL WHERE category = 'tour'`);
    await t.db.query(`ALTER TABLE policies ENABLE TRIGGER USER`);
    const got = await t.http().get('/v1/policies/tour').set(bearer(admin)).expect(200);
    expect(got.body.aspects).toEqual(defaultAspects('tour'));
    const d = await t.http().get('/v1/policies/tour/versions/1/diff').set(bearer(admin)).expect(200);
    expect(d.body.changes).toEqual([]);
    const v2 = await patch('tour', { minReviews: 30 });
    expect(v2.body.aspects).toEqual(defaultAspects('tour'));
    expect((await t.http().get('/v1/policies/tour/versions/2/diff').set(bearer(admin)).expect(200)).body.changes).toEqual([
      { field: 'minReviews', from: 20, to: 30 },
    ]);
  });

  it.each([
    [{ aspects: [pool, { ...rain, key: 'pool' }] }, 'aspects[1].key'],
    [{ aspects: [pool, { ...rain, terms: ['rain', '  '] }] }, 'aspects[1].terms[1]'],
    [{ aspects: [pool, rain, { ...rain, key: 'storm', terms: ['storm', 'Storm'] }] }, 'aspects[2].terms[1]'],
  ])('an inconsistent taxonomy %j is 422 naming %s, and nothing is stored', async (body, field) => {
    const before = await t.http().get('/v1/policies/guide').set(bearer(admin));
    const res = await put('guide', body);
    expect(expectProblem(res, 422).errors?.map((e) => e.field)).toEqual([field]);
    expect((await t.http().get('/v1/policies/guide').set(bearer(admin))).status).toBe(before.status);
    expect(expectProblem(await patch('hotel', body), 422).errors?.map((e) => e.field)).toEqual([field]);
    const sim = await t.http().post('/v1/policies/hotel/simulate').set(bearer(admin)).send({ policy: body });
    expect(expectProblem(sim, 422).errors?.map((e) => e.field)).toEqual([`policy.${field}`]);
  });

  it.each([
    [{ aspects: [{ ...pool, key: 'Pool' }] }, 'aspects[0].key'],
    [{ aspects: [{ ...pool, key: `p${'x'.repeat(40)}` }] }, 'aspects[0].key'],
    [{ aspects: [{ ...pool, label: '' }] }, 'aspects[0].label'],
    [{ aspects: [{ ...pool, label: 'x'.repeat(81) }] }, 'aspects[0].label'],
    [{ aspects: [{ ...pool, supplierControllable: 'yes' }] }, 'aspects[0].supplierControllable'],
    [{ aspects: [{ key: 'pool', label: 'Pool', supplierControllable: true, terms: ['pool'] }] }, 'aspects[0].critical'],
    [{ aspects: [{ ...pool, terms: [] }] }, 'aspects[0].terms'],
    [{ aspects: [{ ...pool, terms: ['x'.repeat(61)] }] }, 'aspects[0].terms'],
    [{ aspects: [{ ...pool, terms: Array.from({ length: 201 }, (_, i) => `t${i}`) }] }, 'aspects[0].terms'],
    [{ aspects: [{ ...pool, terms: [''] }] }, 'aspects[0].terms'],
    [{ aspects: [{ ...pool, terms: [3] }] }, 'aspects[0].terms'],
    [{ aspects: [{ ...pool, extra: 1 }] }, 'aspects[0].extra'],
    [{ aspects: Array.from({ length: 61 }, (_, i) => ({ ...pool, key: `a${i}` })) }, 'aspects'],
    [{ aspects: [] }, 'aspects'],
    [{ aspects: 'pool' }, 'aspects'],
    [{ autoExclusion: 'SOMETIMES' }, 'autoExclusion'],
  ])('a malformed taxonomy field %j is 400 naming %s', async (body, field) => {
    expect(expectProblem(await put('guide', body), 400).errors?.map((e) => e.field)).toContain(field);
  });
});
