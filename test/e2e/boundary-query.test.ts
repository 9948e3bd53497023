import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSupplier, expectProblem, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

describe('the input boundary: query parameters as strict as bodies', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let supplierId: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = { ...bearer(t.token('admin')) };
    await publishPolicy(t, 'hotel');
    supplierId = (await createSupplier(t, { externalRef: 'Q-1' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('unknown ones are 400 naming them, on routes with and without a query', async () => {
    const withQuery = await t.http().get('/v1/suppliers?category=hotel&colour=red').set(admin);
    expect(expectProblem(withQuery, 400).errors).toEqual([{ field: 'colour', message: 'is not a known query parameter' }]);
    const without = await t.http().get(`/v1/suppliers/${supplierId}?expand=all`).set(admin);
    expect(expectProblem(without, 400).errors).toEqual([{ field: 'expand', message: 'is not a known query parameter' }]);
  });

  it('are judged after access: no token is 401, a role the route refuses is 403, whatever the query holds', async () => {
    const anonymous = await t.http().get(`/v1/suppliers/${supplierId}?expand=all`);
    expect(expectProblem(anonymous, 401).errors ?? []).toEqual([]);
    const supplier = bearer(t.token('supplier', { supplierId }));
    const refused = await t.http().get('/v1/suppliers?category=hotel&colour=red').set(supplier);
    expect(expectProblem(refused, 403).errors ?? []).toEqual([]);
  });

  it('a name class-transformer would not copy (__proto__, constructor) is refused like any unknown one', async () => {
    for (const name of ['__proto__', 'constructor']) {
      const res = await t.http().get(`/v1/shoppers?limit=5&${name}=1`).set(admin);
      expect(expectProblem(res, 400).errors, name).toEqual([{ field: name, message: 'is not a known query parameter' }]);
    }
  });

  it('integers are plain decimal: 0x10, +5, " 5", 1e3, 5.0, 05 and "" are 400', async () => {
    for (const limit of ['0x10', '%2B5', '%205', '1e3', '5.0', '05', '', '-0', 'Infinity']) {
      const res = await t.http().get(`/v1/suppliers?limit=${limit}`).set(admin);
      expect(expectProblem(res, 400).errors, limit).toEqual([
        { field: 'limit', message: 'must be an integer written in plain decimal digits' },
      ]);
    }
    expect((await t.http().get('/v1/suppliers?limit=16').set(admin)).status).toBe(200);
    expect(expectProblem(await t.http().get('/v1/suppliers?limit=501').set(admin), 400).errors).toEqual([
      { field: 'limit', message: 'must be from 1 to 500' },
    ]);
  });

  it('a parameter given twice, a NUL or a broken percent-escape is 400 naming it', async () => {
    for (const [query, message] of [
      ['limit=1&limit=2', 'must be given at most once'],
      ['category=ho%00tel', 'must not contain the NUL character (U+0000)'],
      ['category=%E0%A4', 'is not valid percent-encoded UTF-8'],
    ]) {
      const res = await t.http().get(`/v1/suppliers?${query}`).set(admin);
      expect(expectProblem(res, 400).errors, query).toContainEqual({ field: query.split('=')[0], message });
    }
  });

  it('a cursor the service did not issue is 400, also one beyond int64', async () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    const cursors = ['nope', b64('k:9999999999999999999'), b64('k:99999999999999999999'), b64('k:-1'), b64('k:01'), `${b64('k:5')}!!`];
    for (const cursor of cursors) {
      const res = await t
        .http()
        .get(`/v1/suppliers?cursor=${encodeURIComponent(cursor)}`)
        .set(admin);
      expect(expectProblem(res, 400).errors?.[0].field, cursor).toBe('cursor');
    }
    const reviewCursors = [
      b64('r:2020-02-30T00:00:00.000Z|01a2332e-4989-70f9-88b2-55efa8d7b99c'),
      b64(`r:2020-01-01T00:00:00.000Z|${'-'.repeat(36)}`),
    ];
    for (const cursor of reviewCursors) {
      const res = await t.http().get(`/v1/suppliers/${supplierId}/reviews?cursor=${cursor}`).set(admin);
      expect(expectProblem(res, 400).errors?.[0].field, cursor).toBe('cursor');
    }
  });

  it('a cursor the service issued still works', async () => {
    await createSupplier(t);
    const first = await t.http().get('/v1/suppliers?limit=1').set(admin).expect(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await t.http().get(`/v1/suppliers?limit=1&cursor=${first.body.nextCursor}`).set(admin).expect(200);
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('after= beyond int64 (or any safe integer) is 400, not 500', async () => {
    for (const after of ['99999999999999999999', '9223372036854775808', '9007199254740992']) {
      const res = await t.http().get(`/v1/events?after=${after}`).set(admin);
      expect(expectProblem(res, 400).errors, after).toEqual([{ field: 'after', message: `must be from 0 to ${Number.MAX_SAFE_INTEGER}` }]);
    }
    expectProblem(await t.http().get('/v1/events?after=0x10').set(admin), 400);
    expect((await t.http().get('/v1/events?after=0').set(admin)).status).toBe(200);
  });
});
