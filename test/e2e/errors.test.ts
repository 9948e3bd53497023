import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectProblem, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

describe('errors are problem+json, never 5xx', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
  });
  afterAll(async () => {
    await t.close();
  });

  it('malformed JSON is 400', async () => {
    const res = await t
      .http()
      .post('/v1/suppliers')
      .set(bearer(admin))
      .set('Content-Type', 'application/json')
      .send('{"externalRef": "x",');
    expect(expectProblem(res, 400).detail).toBe('The request body is not valid JSON');
  });

  it('a JSON array or scalar instead of an object is 400', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) {
      const res = await t.http().post('/v1/suppliers').set(bearer(admin)).set('Content-Type', 'application/json').send(body);
      expect(res.status, body).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('a body that is not JSON at all is 415, not read as an empty object', async () => {
    const res = await t.http().post('/v1/suppliers').set(bearer(admin)).set('Content-Type', 'text/plain').send('hello');
    expect(expectProblem(res, 415).type).toBe('urn:supplier-governance:problem:unsupported-media-type');
  });

  it('extra fields are 400 naming them', async () => {
    const res = await t
      .http()
      .post('/v1/suppliers')
      .set(bearer(admin))
      .send({ externalRef: 'E-1', name: 'n', category: 'hotel', status: 'ACTIVE', admin: true });
    const problem = expectProblem(res, 400);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'status', message: 'is not a known field' },
        { field: 'admin', message: 'is not a known field' },
      ]),
    );
  });

  it('wrong types are 400 naming the field', async () => {
    const res = await t
      .http()
      .post('/v1/suppliers')
      .set(bearer(admin))
      .send({ externalRef: ['a'], name: { first: 'x' }, category: 7, city: false });
    expect(expectProblem(res, 400).errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['externalRef', 'name', 'category', 'city']),
    );
  });

  it('huge strings are 400, not a database error', async () => {
    const res = await t
      .http()
      .post('/v1/suppliers')
      .set(bearer(admin))
      .send({ externalRef: 'x'.repeat(10_000), name: 'n', category: 'hotel' });
    expect(expectProblem(res, 400).errors?.[0].field).toBe('externalRef');
  });

  it('a body over the size limit is 413', async () => {
    const res = await t
      .http()
      .post('/v1/suppliers')
      .set(bearer(admin))
      .send({ externalRef: 'BIG', name: 'x'.repeat(2 * 1024 * 1024), category: 'hotel' });
    expect(expectProblem(res, 413).type).toBe('urn:supplier-governance:problem:entity-too-large');
  });

  it('an unknown route is a 404 problem', async () => {
    expectProblem(await t.http().get('/v1/nothing').set(bearer(admin)), 404);
  });

  it('control characters and odd unicode in strings are handled without 5xx', async () => {
    const res = await t.http().post('/v1/suppliers').set(bearer(admin)).send({ externalRef: 'U-\u0000-1', name: 'n', category: 'hotel' });
    expectProblem(res, 400);
    const ok = await t
      .http()
      .post('/v1/suppliers')
      .set(bearer(admin))
      .send({ externalRef: 'U-😀-1', name: 'Hôtel «Ünïcode» 😀', category: 'hotel' });
    expect(ok.status).toBe(201);
    expect(ok.body.name).toBe('Hôtel «Ünïcode» 😀');
  });

  it('errors carry the request id, also the caller-supplied one', async () => {
    const res = await t.http().get('/v1/suppliers/nope').set(bearer(admin)).set('X-Request-Id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.body.requestId).toBe('trace-123');
  });
});
