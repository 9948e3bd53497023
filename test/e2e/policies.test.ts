import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectProblem, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

describe('policies', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('PUT with an empty body publishes version 1 with every default', async () => {
    const body = await publishPolicy(t, 'hotel');
    expect(body).toMatchObject({
      category: 'hotel',
      version: 1,
      positiveMinRating: 4,
      windows: [30, 90, 180, 365],
      evaluationWindows: [90, 365],
      minReviews: 20,
      rateMethod: 'RAW',
      confidence: 0.95,
      rewardThreshold: 0.95,
      admissionThreshold: 0.9,
      penaltyThreshold: 0.85,
      delistThreshold: 0.7,
      probationDays: 30,
      reinstateMargin: 0.02,
      readmissionCooldownDays: 90,
      auditPassScore: 60,
      createdBy: 'test-admin',
    });
    expect(body.auditChecklist).toEqual([
      { key: 'as_described', label: 'Product as described', weight: 3 },
      { key: 'safety', label: 'Safety', weight: 3 },
      { key: 'service', label: 'Service', weight: 2 },
      { key: 'cleanliness', label: 'Cleanliness', weight: 2 },
    ]);
  });

  it('each PUT makes a new version; GET returns the latest and /versions all, newest first', async () => {
    await publishPolicy(t, 'tour', { minReviews: 10 });
    await publishPolicy(t, 'tour', { minReviews: 30, rateMethod: 'WILSON' });
    const latest = await t.http().get('/v1/policies/tour').set(bearer(admin)).expect(200);
    expect(latest.body).toMatchObject({ version: 2, minReviews: 30, rateMethod: 'WILSON' });
    const versions = await t.http().get('/v1/policies/tour/versions').set(bearer(admin)).expect(200);
    expect(versions.body.items.map((p: { version: number; minReviews: number }) => [p.version, p.minReviews])).toEqual([
      [2, 30],
      [1, 10],
    ]);
    expect(versions.body.nextCursor).toBeNull();
    const page1 = await t.http().get('/v1/policies/tour/versions?limit=1').set(bearer(admin)).expect(200);
    expect(page1.body.items[0].version).toBe(2);
    const page2 = await t.http().get(`/v1/policies/tour/versions?limit=1&cursor=${page1.body.nextCursor}`).set(bearer(admin)).expect(200);
    expect(page2.body.items[0].version).toBe(1);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('concurrent PUTs of one category get distinct consecutive versions', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t
          .http()
          .put('/v1/policies/flight')
          .set(bearer(admin))
          .send({ minReviews: 10 + i }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(results.map((r) => r.body.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('thresholds out of order are refused with 422 naming the field, and nothing is stored', async () => {
    const res = await t.http().put('/v1/policies/guide').set(bearer(admin)).send({ penaltyThreshold: 0.92 });
    const problem = expectProblem(res, 422);
    expect(problem.errors).toEqual([{ field: 'admissionThreshold', message: 'must be at least penaltyThreshold (0.92), got 0.9' }]);
    expectProblem(await t.http().get('/v1/policies/guide').set(bearer(admin)), 404);
  });

  it('a reinstatement bar above 100% is refused with 422 naming reinstateMargin, in a PUT and in a simulation', async () => {
    const draft = { admissionThreshold: 0.99, rewardThreshold: 0.995, penaltyThreshold: 0.9 };
    const problem = expectProblem(await t.http().put('/v1/policies/guide').set(bearer(admin)).send(draft), 422);
    expect(problem.errors?.map((e) => e.field)).toEqual(['reinstateMargin']);
    expect(problem.errors?.[0].message).toContain('no supplier on probation could be reinstated');
    expectProblem(await t.http().get('/v1/policies/guide').set(bearer(admin)), 404);
    await t
      .http()
      .put('/v1/policies/guide')
      .set(bearer(admin))
      .send({ ...draft, reinstateMargin: 0.01 })
      .expect(201);
    const simulated = expectProblem(
      await t
        .http()
        .post('/v1/policies/guide/simulate')
        .set(bearer(admin))
        .send({ policy: { ...draft, reinstateMargin: 0.05 } }),
      422,
    );
    expect(simulated.errors?.map((e) => e.field)).toEqual(['policy.reinstateMargin']);
  });

  it('duplicate checklist keys and unsorted evaluation windows are 422', async () => {
    const dup = await t
      .http()
      .put('/v1/policies/guide')
      .set(bearer(admin))
      .send({
        auditChecklist: [
          { key: 'a', label: 'A', weight: 1 },
          { key: 'a', label: 'B', weight: 1 },
        ],
      });
    expect(expectProblem(dup, 422).errors?.[0].field).toBe('auditChecklist[1].key');
    const order = await t
      .http()
      .put('/v1/policies/guide')
      .set(bearer(admin))
      .send({ evaluationWindows: [365, 90] });
    expect(expectProblem(order, 422).errors?.[0].field).toBe('evaluationWindows');
  });

  it.each([
    [{ rewardThreshold: 1.5 }, 'rewardThreshold'],
    [{ rewardThreshold: '0.95' }, 'rewardThreshold'],
    [{ positiveMinRating: 4.5 }, 'positiveMinRating'],
    [{ windows: [] }, 'windows'],
    [{ windows: [30, 'x'] }, 'windows'],
    [{ rateMethod: 'MEDIAN' }, 'rateMethod'],
    [{ confidence: 1 }, 'confidence'],
    [{ auditChecklist: [{ key: 'Bad Key', label: 'x', weight: 1 }] }, 'auditChecklist[0].key'],
    [{ auditChecklist: [{ key: 'ok', label: 'x', weight: -1 }] }, 'auditChecklist[0].weight'],
    [{ surprise: true }, 'surprise'],
  ])('a malformed field %j is 400 naming %s', async (body, field) => {
    const res = await t.http().put('/v1/policies/guide').set(bearer(admin)).send(body);
    const problem = expectProblem(res, 400);
    expect(problem.errors?.map((e) => e.field)).toContain(field);
  });

  it('a malformed category in the path is 400; an unknown one is 404', async () => {
    expect(expectProblem(await t.http().put('/v1/policies/Hotel%20X').set(bearer(admin)).send({}), 400).errors?.[0].field).toBe('category');
    expectProblem(await t.http().get('/v1/policies/nothing-here').set(bearer(admin)), 404);
    expectProblem(await t.http().get('/v1/policies/nothing-here/versions').set(bearer(admin)), 404);
  });

  it('a category manager may publish only for their own categories', async () => {
    const hotelManager = t.token('category_manager', { categories: ['hotel'] });
    expectProblem(await t.http().put('/v1/policies/tour').set(bearer(hotelManager)).send({}), 403);
    const ok = await t.http().put('/v1/policies/hotel').set(bearer(hotelManager)).send({ minReviews: 25 });
    expect(ok.status).toBe(201);
    expect(ok.body.createdBy).toBe('test-category_manager');
    expectProblem(await t.http().get('/v1/policies/tour').set(bearer(hotelManager)), 403);
  });
});
