import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { JSON_CONTENT_TYPE } from '../../src/common/http/service-express.adapter.js';
import { createSupplier, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

/** What ServiceExpressAdapter changes: requests born with Express's prototypes, JSON answers written in one step. */
describe("the service's Express adapter", () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let supplierId: string;
  // Multi-byte characters: Content-Length counts bytes, not characters.
  const name = 'Hôtel 東京 😀 "quoted" \\ back';
  beforeAll(async () => {
    t = await startTestApp();
    admin = bearer(t.token('admin'));
    await publishPolicy(t, 'hotel');
    supplierId = (await createSupplier(t, { name })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it("creates every request and response with Express's prototypes, so Express's own call changes nothing", async () => {
    const express = t.app.getHttpAdapter().getInstance() as { request: object; response: object };
    const server = t.app.getHttpServer() as Server;
    const seen: Array<[object | null, object | null]> = [];
    // Before Express's handler: what the server made, not what Express made of it.
    const probe = (req: IncomingMessage, res: ServerResponse): void =>
      void seen.push([Object.getPrototypeOf(req), Object.getPrototypeOf(res)]);
    server.prependListener('request', probe);
    try {
      const res = await t.http().get(`/v1/suppliers/${supplierId}`).set(admin);
      expect(res.status).toBe(200);
    } finally {
      server.off('request', probe);
    }
    expect(seen).toEqual([[express.request, express.response]]);
    // Express's request methods and the app are on it all the same.
    expect(typeof (express.request as { get?: unknown }).get).toBe('function');
    expect((express.request as { app?: unknown }).app).toBe(express);
  });

  it('JSON answers carry the JSON media type, the body exactly, and its length in bytes', async () => {
    const res = await t.http().get(`/v1/suppliers/${supplierId}`).set(admin).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(JSON_CONTENT_TYPE);
    const text = res.text;
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(text, 'utf8'));
    expect(Number(res.headers['content-length'])).toBeGreaterThan(text.length);
    expect(JSON.parse(text)).toMatchObject({ id: supplierId, name });
  });

  it("keep the handler's status: a creation is 201 with the JSON body", async () => {
    const res = await t.http().post('/v1/suppliers').set(admin).send({ externalRef: 'JR-201', name: 'Created', category: 'hotel' });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe(JSON_CONTENT_TYPE);
    expect(res.body).toMatchObject({ externalRef: 'JR-201', name: 'Created' });
  });

  it('arrays go out as JSON too', async () => {
    const res = await t.http().get(`/v1/suppliers/${supplierId}/decisions`).set(admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(JSON_CONTENT_TYPE);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(res.body), 'utf8'));
  });

  it('carry no ETag, and a conditional request is answered in full, never with a 304', async () => {
    const first = await t.http().get(`/v1/suppliers/${supplierId}`).set(admin);
    expect(first.headers.etag).toBeUndefined();
    const again = await t.http().get(`/v1/suppliers/${supplierId}`).set(admin).set('If-None-Match', '*');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // Nor do the answers Express itself sends (the spec as a string): etag is off app-wide.
    const spec = await t.http().get('/docs-json');
    expect(spec.status).toBe(200);
    expect(spec.headers.etag).toBeUndefined();
  });

  it('a HEAD has the headers of the GET and no body', async () => {
    const get = await t.http().get(`/v1/suppliers/${supplierId}`).set(admin);
    const head = await t.http().head(`/v1/suppliers/${supplierId}`).set(admin);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe(JSON_CONTENT_TYPE);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.text ?? '').toBe('');
  });

  it('errors are still problems, not JSON answers', async () => {
    const res = await t.http().get('/v1/suppliers/00000000-0000-7000-8000-000000000000').set(admin);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
