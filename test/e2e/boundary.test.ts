import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSupplier, expectProblem, publishPolicy } from '../support/fixtures.js';
import { rawRequest } from '../support/raw-request.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const JSON_TYPE = { 'Content-Type': 'application/json' };

/** `{"name": [[[…]]]}` with the body object itself as level 1: `levels` nested containers in all. */
function nested(levels: number): string {
  return `{"name":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
}

describe('the input boundary: bodies are JSON or refused', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let supplierId: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = { ...bearer(t.token('admin')) };
    await publishPolicy(t, 'hotel');
    supplierId = (await createSupplier(t, { externalRef: 'B-1' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const policyVersions = async (category: string): Promise<number> =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM policies WHERE category = $1', [category])).rows[0].n;
  const supplierBody = (ref: string) => JSON.stringify({ externalRef: ref, name: 'Boundary hotel', category: 'hotel' });

  describe('media type', () => {
    it("a form-encoded PUT of a policy (curl's default) is 415 and publishes nothing", async () => {
      const res = await rawRequest(
        t,
        'put',
        '/v1/policies/flight',
        { ...admin, 'Content-Type': 'application/x-www-form-urlencoded' },
        '{"admissionThreshold":0.85}',
      );
      expect(expectProblem(res, 415).type).toBe('urn:supplier-governance:problem:unsupported-media-type');
      expect(res.headers.accept).toBe('application/json');
      expect(await policyVersions('flight')).toBe(0);
    });

    it('a form-encoded scoring run is 415 and starts no run', async () => {
      const res = await rawRequest(
        t,
        'post',
        '/v1/scoring-runs',
        { ...admin, 'Content-Type': 'application/x-www-form-urlencoded' },
        'asOf=2026-01-01',
      );
      expectProblem(res, 415);
      expect((await t.db.query('SELECT count(*)::int AS n FROM scoring_runs')).rows[0].n).toBe(0);
    });

    it('text/plain, a missing Content-Type and application/*+json types are 415', async () => {
      for (const type of ['text/plain', 'application/merge-patch+json', 'application/json-patch+json', 'application/jsonx', undefined]) {
        const headers: Record<string, string> = { ...admin };
        if (type) headers['Content-Type'] = type;
        const res = await rawRequest(t, 'post', '/v1/suppliers', headers, supplierBody('B-type'));
        expect(expectProblem(res, 415).detail, String(type)).toMatch(/application\/json/);
      }
    });

    it('charset utf-8 is accepted in any case; any other charset or parameter is 415', async () => {
      const ok = await rawRequest(
        t,
        'post',
        '/v1/suppliers',
        { ...admin, 'Content-Type': 'Application/JSON; Charset="UTF-8"' },
        supplierBody('B-cs'),
      );
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      for (const type of ['application/json; charset=latin1', 'application/json; charset=utf-16', 'application/json; boundary=x']) {
        expectProblem(await rawRequest(t, 'post', '/v1/suppliers', { ...admin, 'Content-Type': type }, supplierBody('B-cs2')), 415);
      }
    });

    it('a request without a body needs no Content-Type (body-less POSTs stay allowed)', async () => {
      const shopper = bearer(t.token('mystery_shopper', { shopperId: randomUUID() }));
      expectProblem(await rawRequest(t, 'post', `/v1/audits/${randomUUID()}/accept`, { ...shopper, 'Content-Type': 'text/plain' }), 404);
      expectProblem(await t.http().post(`/v1/audits/${randomUUID()}/decline`).set(shopper), 404);
      // An empty chunked body is no body either.
      const chunked = await t
        .http()
        .post(`/v1/audits/${randomUUID()}/decline`)
        .set({ ...shopper, ...JSON_TYPE, 'Transfer-Encoding': 'chunked' })
        .send('');
      expectProblem(chunked, 404);
    });
  });

  describe('content encoding', () => {
    it('a gzip body is decoded; x-gzip and identity are accepted too', async () => {
      for (const [encoding, ref] of [
        ['gzip', 'B-gz'],
        ['x-gzip', 'B-xgz'],
      ]) {
        const res = await rawRequest(
          t,
          'post',
          '/v1/suppliers',
          { ...admin, ...JSON_TYPE, 'Content-Encoding': encoding },
          gzipSync(supplierBody(ref)),
        );
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.body.externalRef).toBe(ref);
      }
      const identity = await rawRequest(
        t,
        'post',
        '/v1/suppliers',
        { ...admin, ...JSON_TYPE, 'Content-Encoding': 'identity' },
        supplierBody('B-id'),
      );
      expect(identity.status).toBe(201);
    });

    it('a truncated or plain body labelled gzip is 400, and nothing is stored', async () => {
      const whole = gzipSync(supplierBody('B-trunc'));
      for (const body of [whole.subarray(0, whole.length - 6), Buffer.from(supplierBody('B-trunc'))]) {
        const res = await rawRequest(t, 'post', '/v1/suppliers', { ...admin, ...JSON_TYPE, 'Content-Encoding': 'gzip' }, body);
        expect(expectProblem(res, 400).type).toBe('urn:supplier-governance:problem:corrupt-content-encoding');
      }
      expect((await t.db.query(`SELECT count(*)::int AS n FROM suppliers WHERE external_ref = 'B-trunc'`)).rows[0].n).toBe(0);
    });

    it('br, deflate, compress and stacked encodings are 415 with Accept-Encoding: gzip', async () => {
      for (const encoding of ['br', 'deflate', 'compress', 'zstd', 'gzip, gzip']) {
        const res = await rawRequest(
          t,
          'post',
          '/v1/suppliers',
          { ...admin, ...JSON_TYPE, 'Content-Encoding': encoding },
          supplierBody('B-br'),
        );
        expect(expectProblem(res, 415).type, encoding).toBe('urn:supplier-governance:problem:unsupported-content-encoding');
        expect(res.headers['accept-encoding']).toBe('gzip');
      }
    });

    it('the size limit holds for the decoded body: a small gzip bomb is 413', async () => {
      const bomb = gzipSync(`{"name":"${' '.repeat(8 * 1024 * 1024)}"}`);
      expect(bomb.length).toBeLessThan(64 * 1024);
      const res = await rawRequest(t, 'post', '/v1/suppliers', { ...admin, ...JSON_TYPE, 'Content-Encoding': 'gzip' }, bomb);
      expect(expectProblem(res, 413).type).toBe('urn:supplier-governance:problem:entity-too-large');
    });
  });

  describe('what the body holds', () => {
    it('bytes that are not UTF-8 are 400, not replaced by U+FFFD', async () => {
      const body = Buffer.concat([
        Buffer.from('{"externalRef":"B-utf","name":"Caf'),
        Buffer.from([0xe9]),
        Buffer.from('","category":"hotel"}'),
      ]);
      const res = await rawRequest(t, 'post', '/v1/suppliers', { ...admin, ...JSON_TYPE }, body);
      expect(expectProblem(res, 400).type).toBe('urn:supplier-governance:problem:body-not-utf8');
    });

    it('a body that is JSON but not an object is 400', async () => {
      for (const body of ['[]', '"text"', '42', 'null']) {
        expectProblem(await rawRequest(t, 'post', '/v1/suppliers', { ...admin, ...JSON_TYPE }, body), 400);
      }
    });

    it('nesting 32 levels passes the boundary; 33 levels is 400 naming where', async () => {
      const deepest = await rawRequest(t, 'post', '/v1/suppliers', { ...admin, ...JSON_TYPE }, nested(32));
      expect(expectProblem(deepest, 400).type).toBe('urn:supplier-governance:problem:validation-failed');
      const res = await rawRequest(t, 'post', '/v1/suppliers', { ...admin, ...JSON_TYPE }, nested(33));
      const problem = expectProblem(res, 400);
      expect(problem.type).toBe('urn:supplier-governance:problem:body-too-deep');
      expect(problem.errors).toEqual([{ field: `name${'[0]'.repeat(31)}`, message: 'is nested deeper than 32 levels' }]);
    });

    it('10,000 levels is 400, not a stack overflow', async () => {
      const res = await rawRequest(t, 'post', '/v1/suppliers', { ...admin, ...JSON_TYPE }, nested(10_000));
      expect(expectProblem(res, 400).type).toBe('urn:supplier-governance:problem:body-too-deep');
      const batch = `{"reviews":[${'{"x":'.repeat(5000)}1${'}'.repeat(5000)}]}`;
      expectProblem(await rawRequest(t, 'post', '/v1/reviews/batch', { ...admin, ...JSON_TYPE }, batch), 400);
    });

    it('NUL in a supplier name is 400 naming name', async () => {
      const res = await t.http().post('/v1/suppliers').set(admin).send({ externalRef: 'B-nul', name: 'Hotel\u0000Nul', category: 'hotel' });
      expect(expectProblem(res, 400).errors).toEqual([{ field: 'name', message: 'must not contain the NUL character (U+0000)' }]);
    });

    it('NUL or a lone surrogate in a field name is 400 naming it', async () => {
      const res = await rawRequest(t, 'post', '/v1/suppliers', { ...admin, ...JSON_TYPE }, '{"a\\u0000b":1,"c":{"\\udfff":2}}');
      expect(expectProblem(res, 400).errors?.map((e) => e.field)).toEqual(['a\u0000b', 'c.\udfff']);
    });

    it('a lone surrogate in a review externalId refuses the batch naming the field; a resend is 4xx again and nothing is stored', async () => {
      const good = { supplierId, rating: 5, reviewedAt: '2026-01-01T00:00:00Z' };
      const body = JSON.stringify({
        reviews: [
          { ...good, externalId: 'ok-1' },
          { ...good, externalId: 'ok-2' },
        ],
      }).replace('ok-2', 'bad-\\ud800');
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await rawRequest(t, 'post', '/v1/reviews/batch', { ...admin, ...JSON_TYPE }, body);
        expect(expectProblem(res, 400).errors).toEqual([
          { field: 'reviews[1].externalId', message: expect.stringContaining('unpaired UTF-16 surrogate') },
        ]);
      }
      expect((await t.db.query('SELECT count(*)::int AS n FROM reviews WHERE supplier_id = $1', [supplierId])).rows[0].n).toBe(0);
    });

    it('a paired surrogate (an emoji) in an externalId is stored and a resend is a duplicate', async () => {
      const batch = { reviews: [{ supplierId, rating: 5, reviewedAt: '2026-01-01T00:00:00Z', externalId: 'emoji-😀' }] };
      expect((await t.http().post('/v1/reviews/batch').set(admin).send(batch).expect(200)).body).toMatchObject({ accepted: 1 });
      expect((await t.http().post('/v1/reviews/batch').set(admin).send(batch).expect(200)).body).toMatchObject({ duplicates: 1 });
    });
  });

  describe('null is refused where the contract does not say nullable', () => {
    it('a null admissionThreshold is 400 naming it ("omit it instead") and publishes nothing', async () => {
      const res = await t.http().put('/v1/policies/tour').set(admin).send({ admissionThreshold: null });
      expect(expectProblem(res, 400).errors).toEqual([{ field: 'admissionThreshold', message: 'must not be null: omit it instead' }]);
      expect(await policyVersions('tour')).toBe(0);
    });

    it('a field named like a member of every object (toString, constructor) is not a known field, null or not', async () => {
      for (const body of [{ toString: null }, { constructor: null }, { toString: 5 }, { valueOf: 'x', hasOwnProperty: {} }]) {
        const res = await t.http().put('/v1/policies/tour').set(admin).send(body);
        const problem = expectProblem(res, 400);
        expect(problem.errors?.map((e) => e.field).sort(), JSON.stringify(body)).toEqual(Object.keys(body).sort());
        expect(
          problem.errors?.every((e) => e.message.startsWith('is not a known field')),
          JSON.stringify(problem.errors),
        ).toBe(true);
      }
      expect(await policyVersions('tour')).toBe(0);
    });

    it('nulls are named in nested objects and lists, required fields too', async () => {
      const res = await t
        .http()
        .post('/v1/policies/hotel/simulate')
        .set(admin)
        .send({ policy: { windows: [30, null], auditChecklist: [null] }, asOf: null });
      expect(expectProblem(res, 400).errors).toEqual([
        { field: 'policy.windows[1]', message: 'must not be null' },
        { field: 'policy.auditChecklist[0]', message: 'must not be null' },
        { field: 'asOf', message: 'must not be null: omit it instead' },
      ]);
      const required = await t.http().post('/v1/suppliers').set(admin).send({ externalRef: 'B-null', name: null, category: 'hotel' });
      expect(expectProblem(required, 400).errors).toEqual([{ field: 'name', message: 'must not be null' }]);
    });

    it('a null in a review of a batch refuses the batch naming the item and field', async () => {
      const item = { supplierId, rating: 5, reviewedAt: '2026-01-01T00:00:00Z', externalId: 'null-1', title: null };
      const res = await t
        .http()
        .post('/v1/reviews/batch')
        .set(admin)
        .send({ reviews: [item] });
      expect(expectProblem(res, 400).errors).toEqual([{ field: 'reviews[0].title', message: 'must not be null: omit it instead' }]);
    });

    it('a null body-less scoring run field is refused rather than read as "all categories, today"', async () => {
      const res = await t.http().post('/v1/scoring-runs').set(admin).send({ category: null });
      expect(expectProblem(res, 400).errors?.[0].field).toBe('category');
      expect((await t.db.query('SELECT count(*)::int AS n FROM scoring_runs')).rows[0].n).toBe(0);
    });
  });

  describe('a route that takes a body', () => {
    it('a review batch sent without one is 400 naming reviews', async () => {
      const res = await t.http().post('/v1/reviews/batch').set(admin);
      expect(expectProblem(res, 400).errors).toEqual([{ field: 'reviews', message: 'is required' }]);
    });
  });

  describe('a route that takes no body', () => {
    it('refuses a body with fields, naming them', async () => {
      const res = await t.http().delete(`/v1/webhooks/${randomUUID()}`).set(admin).send({ force: true });
      expect(expectProblem(res, 400).errors).toEqual([{ field: 'force', message: 'is not a known field (this endpoint takes no body)' }]);
    });
  });
});
