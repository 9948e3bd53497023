import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_POLICY, POLICY_FIELDS } from '../../src/policies/domain/policy.js';
import { expectProblem, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** PATCH (a change of the latest version) and the field-by-field diff of two versions. */
describe('policy edits: PATCH and version diffs', () => {
  let t: TestApp;
  let admin: string;
  const patch = (category: string, body: unknown, token = admin) =>
    t
      .http()
      .patch(`/v1/policies/${category}`)
      .set(bearer(token))
      .send(body as object);
  const diff = (path: string) => t.http().get(`/v1/policies/${path}`).set(bearer(admin));
  const fieldsOf = (problem: { errors?: Array<{ field: string }> }) => [...new Set(problem.errors?.map((e) => e.field))];
  const settings = (body: Record<string, unknown>) => {
    const { version: _v, createdAt: _c, createdBy: _b, ...rest } = body;
    return rest;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it("PATCH changes only the named field; every other keeps the latest version's value, not the default", async () => {
    const checklist = [
      { key: 'safety', label: 'Safety', weight: 5 },
      { key: 'noise', label: 'Noise', weight: 1 },
    ];
    const v1 = await publishPolicy(t, 'hotel', { minReviews: 10, rateMethod: 'WILSON', probationDays: 45, auditChecklist: checklist });
    const res = await patch('hotel', { admissionThreshold: 0.92 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ category: 'hotel', version: 2, admissionThreshold: 0.92, createdBy: 'test-admin' });
    expect(settings(res.body)).toEqual({ ...settings(v1), admissionThreshold: 0.92 });
    expect(res.body).toMatchObject({ minReviews: 10, rateMethod: 'WILSON', probationDays: 45, auditChecklist: checklist });
    const latest = await t.http().get('/v1/policies/hotel').set(bearer(admin)).expect(200);
    expect(latest.body).toEqual(res.body);
  });

  it('PATCH replaces a given checklist whole; PUT still resets every omitted field to its default', async () => {
    const res = await patch('hotel', { auditChecklist: [{ key: 'staff', label: 'Staff', weight: 2 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ version: 3, minReviews: 10, admissionThreshold: 0.92 });
    expect(res.body.auditChecklist).toEqual([{ key: 'staff', label: 'Staff', weight: 2 }]);
    const put = await publishPolicy(t, 'hotel', { minReviews: 12 });
    expect(put).toMatchObject({
      version: 4,
      minReviews: 12,
      rateMethod: DEFAULT_POLICY.rateMethod,
      admissionThreshold: DEFAULT_POLICY.admissionThreshold,
      auditChecklist: DEFAULT_POLICY.auditChecklist,
    });
  });

  it('PATCH whose merge is inconsistent is 422 naming the field, and stores nothing', async () => {
    await publishPolicy(t, 'car', { admissionThreshold: 0.8, penaltyThreshold: 0.75 });
    // Over the defaults (admission 0.90) a penalty bar of 0.82 is fine; over this version's 0.80 it is not.
    const problem = expectProblem(await patch('car', { penaltyThreshold: 0.82 }), 422);
    expect(problem.errors).toEqual([{ field: 'admissionThreshold', message: 'must be at least penaltyThreshold (0.82), got 0.8' }]);
    expect(problem.detail).toContain('merged onto the latest version');
    const latest = await t.http().get('/v1/policies/car').set(bearer(admin)).expect(200);
    expect(latest.body).toMatchObject({ version: 1, penaltyThreshold: 0.75 });
    expect((await patch('car', { penaltyThreshold: 0.78 })).status).toBe(201);
  });

  it('PATCH of a category without a policy is 404 pointing to PUT', async () => {
    const problem = expectProblem(await patch('boat', { minReviews: 5 }), 404);
    expect(problem.detail).toBe('No policy exists for category "boat" to change; PUT /v1/policies/boat publishes its first version');
    expectProblem(await t.http().get('/v1/policies/boat').set(bearer(admin)), 404);
  });

  it('PATCH with nothing to change is 422; a malformed or unknown field is 400 naming it', async () => {
    const empty = expectProblem(await patch('hotel', {}), 422);
    expect(empty.type).toBe('urn:supplier-governance:problem:nothing-to-change');
    expect(empty.detail).toContain('give at least one of the policy');
    expect(fieldsOf(empty)).toEqual([...POLICY_FIELDS]);
    expect(fieldsOf(expectProblem(await t.http().patch('/v1/policies/hotel').set(bearer(admin)), 422))).toEqual([...POLICY_FIELDS]);
    expect(fieldsOf(expectProblem(await patch('hotel', { minReviews: 'ten' }), 400))).toEqual(['minReviews']);
    expect(fieldsOf(expectProblem(await patch('hotel', { version: 9 }), 400))).toEqual(['version']);
    expect(fieldsOf(expectProblem(await patch('hotel', { auditChecklist: [] }), 400))).toEqual(['auditChecklist']);
    const latest = await t.http().get('/v1/policies/hotel').set(bearer(admin)).expect(200);
    expect(latest.body.version).toBe(4);
  });

  it('PATCH by a category manager of another category is 403; of its own, 201', async () => {
    const tourManager = t.token('category_manager', { categories: ['tour'] });
    expectProblem(await patch('hotel', { minReviews: 11 }, tourManager), 403);
    const hotelManager = t.token('category_manager', { categories: ['hotel'] });
    const ok = await patch('hotel', { minReviews: 11 }, hotelManager);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ version: 5, minReviews: 11, createdBy: 'test-category_manager' });
    expectProblem(await patch('hotel', { minReviews: 11 }, t.token('integration')), 403);
  });

  it('concurrent PATCHes of different fields each build on the other: no change is lost', async () => {
    await publishPolicy(t, 'flight');
    const edits = [{ minReviews: 33 }, { probationDays: 60 }, { rateMethod: 'WILSON' }, { auditPassScore: 70 }, { reinstateMargin: 0.03 }];
    const results = await Promise.all(edits.map((edit) => patch('flight', edit)));
    expect(results.map((r) => r.status)).toEqual(Array(edits.length).fill(201));
    expect(results.map((r) => r.body.version).sort()).toEqual([2, 3, 4, 5, 6]);
    const latest = await t.http().get('/v1/policies/flight').set(bearer(admin)).expect(200);
    expect(latest.body).toMatchObject({ version: 6, ...Object.assign({}, ...edits) });
  });

  it('If-Match: an edit made on the latest version is written; one made on an older version is 412 and writes nothing', async () => {
    await publishPolicy(t, 'guide', { minReviews: 10 });
    const read = await t.http().get('/v1/policies/guide').set(bearer(admin)).expect(200);
    const etag = read.headers.etag as string;
    expect(etag).toBe(`"${read.body.version}"`);

    const first = await patch('guide', { minReviews: 12 }).set('If-Match', etag).expect(201);
    expect(first.headers.etag).toBe(`"${read.body.version + 1}"`);
    // The second manager read the same version: their edit would silently undo the first one's.
    const stale = expectProblem(
      await t.http().put('/v1/policies/guide').set(bearer(admin)).set('If-Match', etag).send({ minReviews: 20 }),
      412,
    );
    expect(stale.errors).toEqual([{ field: 'If-Match', message: expect.stringContaining(`The latest version is ${first.headers.etag}`) }]);
    expect(expectProblem(await patch('guide', { probationDays: 40 }).set('If-Match', etag), 412).errors?.[0].field).toBe('If-Match');
    const latest = await t.http().get('/v1/policies/guide').set(bearer(admin)).expect(200);
    expect(latest.body).toMatchObject({ version: read.body.version + 1, minReviews: 12, probationDays: DEFAULT_POLICY.probationDays });

    // A stale precondition outranks an inconsistent draft; a current one with an inconsistent draft is the 422.
    expect(expectProblem(await patch('guide', { penaltyThreshold: 0.99 }).set('If-Match', etag), 412).status).toBe(412);
    expect(expectProblem(await patch('guide', { penaltyThreshold: 0.99 }).set('If-Match', first.headers.etag), 422).status).toBe(422);

    // Several tags, *, and a weak tag (never matches: If-Match compares strongly).
    await patch('guide', { minReviews: 13 }).set('If-Match', `"1", ${first.headers.etag}`).expect(201);
    await patch('guide', { minReviews: 14 }).set('If-Match', '*').expect(201);
    const weak = `W/"${read.body.version + 3}"`;
    expectProblem(await patch('guide', { minReviews: 15 }).set('If-Match', weak), 412);
    expect((await t.http().get('/v1/policies/guide').set(bearer(admin)).expect(200)).body.minReviews).toBe(14);
  });

  it('If-Match that is not an entity tag is 400 naming it; * on a category without a policy is 412', async () => {
    for (const header of ['7', '"7', 'abc', '"7" "8"']) {
      const problem = expectProblem(await patch('hotel', { minReviews: 11 }).set('If-Match', header), 400);
      expect(problem.errors).toEqual([{ field: 'If-Match', message: expect.stringContaining('quoted versions') }]);
    }
    const none = expectProblem(await t.http().put('/v1/policies/ferry').set(bearer(admin)).set('If-Match', '*').send({}), 412);
    expect(none.detail).toContain('there is none yet');
    expectProblem(await t.http().get('/v1/policies/ferry').set(bearer(admin)), 404);
  });

  it('concurrent PUTs on the same version with If-Match: exactly one is written', async () => {
    const base = await t.http().get('/v1/policies/guide').set(bearer(admin)).expect(200);
    const puts = await Promise.all(
      [30, 31, 32, 33].map((minReviews) =>
        t.http().put('/v1/policies/guide').set(bearer(admin)).set('If-Match', base.headers.etag).send({ minReviews }),
      ),
    );
    expect(puts.map((r) => r.status).sort()).toEqual([201, 412, 412, 412]);
    const written = puts.find((r) => r.status === 201)!;
    const latest = await t.http().get('/v1/policies/guide').set(bearer(admin)).expect(200);
    expect(latest.body).toMatchObject({ version: base.body.version + 1, minReviews: written.body.minReviews });
  });

  it('the diff of a version lists exactly the fields that changed from the previous one', async () => {
    // hotel: v1 PUT {minReviews 10, WILSON, probation 45, checklist}, v2 PATCH admission 0.92, v3 PATCH checklist, v4 PUT {minReviews 12}.
    const v2 = await diff('hotel/versions/2/diff').expect(200);
    expect(v2.body).toEqual({ from: 1, to: 2, changes: [{ field: 'admissionThreshold', from: 0.9, to: 0.92 }] });
    const v3 = await diff('hotel/versions/3/diff').expect(200);
    expect(v3.body.changes).toEqual([
      {
        field: 'auditChecklist',
        from: [
          { key: 'safety', label: 'Safety', weight: 5 },
          { key: 'noise', label: 'Noise', weight: 1 },
        ],
        to: [{ key: 'staff', label: 'Staff', weight: 2 }],
      },
    ]);
    const v4 = await diff('hotel/versions/4/diff').expect(200);
    expect(v4.body.changes.map((c: { field: string }) => c.field)).toEqual([
      'minReviews',
      'rateMethod',
      'admissionThreshold',
      'probationDays',
      'auditChecklist',
    ]);
    expect(v4.body.changes[0]).toEqual({ field: 'minReviews', from: 10, to: 12 });
  });

  it('?against= compares any two versions, either way round; a version against itself has no changes', async () => {
    const res = await diff('hotel/versions/2/diff?against=4').expect(200);
    expect(res.body.from).toBe(4);
    expect(res.body.to).toBe(2);
    expect(res.body.changes.slice(0, 2)).toEqual([
      { field: 'minReviews', from: 12, to: 10 },
      { field: 'rateMethod', from: 'RAW', to: 'WILSON' },
    ]);
    expect((await diff('hotel/versions/3/diff?against=3').expect(200)).body).toEqual({ from: 3, to: 3, changes: [] });
  });

  it('version 1 without ?against= is compared with the defaults it was published over (from null)', async () => {
    const res = await diff('hotel/versions/1/diff').expect(200);
    expect(res.body.from).toBeNull();
    expect(res.body.to).toBe(1);
    expect(res.body.changes.map((c: { field: string }) => c.field)).toEqual([
      'minReviews',
      'rateMethod',
      'probationDays',
      'auditChecklist',
    ]);
    expect(res.body.changes[0]).toEqual({ field: 'minReviews', from: DEFAULT_POLICY.minReviews, to: 10 });
  });

  it('an unknown version or category is 404 naming what is missing; a malformed version is 400', async () => {
    const unknown = expectProblem(await diff('hotel/versions/99/diff'), 404);
    expect(unknown.errors).toEqual([{ field: 'version', message: 'no version 99 exists' }]);
    expect(unknown.detail).toContain('its versions are 1 to 5');
    const against = expectProblem(await diff('hotel/versions/2/diff?against=42'), 404);
    expect(against.errors).toEqual([{ field: 'against', message: 'no version 42 exists' }]);
    expect(expectProblem(await diff('boat/versions/1/diff'), 404).detail).toContain('category "boat" has no policy');
    for (const bad of ['0', '0x2', '+2', '2.0', '1e1', '%202', '99999999999']) {
      expect(fieldsOf(expectProblem(await diff(`hotel/versions/${bad}/diff`), 400))).toEqual(['version']);
    }
    expect(fieldsOf(expectProblem(await diff('hotel/versions/2/diff?against=-1'), 400))).toEqual(['against']);
  });

  it('a category manager reads diffs of its own categories only', async () => {
    const tourManager = t.token('category_manager', { categories: ['tour'] });
    expectProblem(await t.http().get('/v1/policies/hotel/versions/2/diff').set(bearer(tourManager)), 403);
    const hotelManager = t.token('category_manager', { categories: ['hotel'] });
    await t.http().get('/v1/policies/hotel/versions/2/diff').set(bearer(hotelManager)).expect(200);
  });
});
