import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { WebhooksRepository } from '../../src/events/webhooks.repository.js';
import { createSupplier, expectProblem, forceStatus, publishPolicy } from '../support/fixtures.js';
import { bearer, EXAMPLE_PUBLIC_ADDRESS, startTestApp, type TestApp } from '../support/test-app.js';

const SECRET = 'receiver-secret-0123456789';

/** A local receiver that records what reaches it and answers `status` (with a Location when it is a redirect). */
async function receiver(status: number, location?: string): Promise<{ server: Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(status, location ? { Location: location } : {}).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Makes an event (a manager's status override) the dispatcher will try to deliver. */
async function raiseEvent(t: TestApp, admin: string): Promise<void> {
  const s = await createSupplier(t);
  await forceStatus(t, s.id, 'ACTIVE');
  await t.http().post(`/v1/suppliers/${s.id}/status`).set(bearer(admin)).send({ status: 'SUSPENDED', reason: 'Inspection' }).expect(200);
}

describe('webhook registration refuses internal addresses and plain http', () => {
  let t: TestApp;
  let admin: string;
  // A name that resolves to a private address, and one with a public and a loopback address.
  const names: Record<string, string[]> = {
    'hooks.example.com': [EXAMPLE_PUBLIC_ADDRESS],
    'intranet.example.net': ['10.20.30.40'],
    'mixed.example.net': [EXAMPLE_PUBLIC_ADDRESS, '127.0.0.1'],
    localhost: ['127.0.0.1', '::1'],
  };

  beforeAll(async () => {
    t = await startTestApp({
      webhooks: {
        allowInsecure: false,
        allowPrivate: false,
        resolve: (host) =>
          names[host]
            ? Promise.resolve(names[host])
            : Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })),
      },
    });
    admin = t.token('admin');
  });
  afterAll(() => t.close());

  it.each([
    ['https://127.0.0.1/hook', 'loopback'],
    ['https://10.0.0.8/hook', 'private'],
    ['https://192.168.0.10/hook', 'private'],
    ['https://169.254.169.254/latest/meta-data/', 'cloud metadata'],
    ['https://169.254.1.1/hook', 'link-local'],
    ['https://[::1]/hook', 'loopback'],
    ['https://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['https://localhost/hook', 'loopback'],
    ['https://intranet.example.net/hook', 'private'],
    ['https://mixed.example.net/hook', 'loopback'],
  ])('%s → 422 naming url (%s)', async (url, kind) => {
    const problem = expectProblem(await t.http().post('/v1/webhooks').set(bearer(admin)).send({ url, secret: SECRET }), 422);
    expect(problem.errors).toEqual([{ field: 'url', message: expect.stringContaining(`is a ${kind} address`) }]);
  });

  it('refuses plain http and a host that does not resolve, and accepts a public https host', async () => {
    const insecure = expectProblem(
      await t.http().post('/v1/webhooks').set(bearer(admin)).send({ url: 'http://hooks.example.com/hook', secret: SECRET }),
      422,
    );
    expect(insecure.errors?.[0]).toMatchObject({ field: 'url', message: expect.stringMatching(/must be an https URL/) });
    const unknown = expectProblem(
      await t.http().post('/v1/webhooks').set(bearer(admin)).send({ url: 'https://nowhere.invalid/hook', secret: SECRET }),
      422,
    );
    expect(unknown.errors?.[0].message).toMatch(/does not resolve/);
    await t.http().post('/v1/webhooks').set(bearer(admin)).send({ url: 'https://hooks.example.com/hook', secret: SECRET }).expect(201);
    const { rows } = await t.db.query(`SELECT url FROM webhooks WHERE deleted_at IS NULL`);
    expect(rows.map((r: { url: string }) => r.url)).toEqual(['https://hooks.example.com/hook']);
  });
});

describe('webhook delivery checks the address it connects to, and follows no redirect', () => {
  let t: TestApp;
  let admin: string;
  const resolved: Record<string, string[]> = { 'rebind.example.org': [EXAMPLE_PUBLIC_ADDRESS] };
  const servers: Server[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      jobs: { enabled: true, webhookPollMs: 100 },
      webhooks: { allowInsecure: true, allowPrivate: false, resolve: (host) => Promise.resolve(resolved[host] ?? ['127.0.0.1']) },
    });
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
  });
  afterAll(async () => {
    await t.close();
    for (const s of servers) await new Promise((r) => s.close(r));
  });

  it('a name that resolved to a public address at registration and to loopback at delivery is refused: nothing is sent', async () => {
    const target = await receiver(204);
    servers.push(target.server);
    const created = await t
      .http()
      .post('/v1/webhooks')
      .set(bearer(admin))
      .send({ url: `http://rebind.example.org:${target.port}/hook`, secret: SECRET })
      .expect(201);
    resolved['rebind.example.org'] = ['127.0.0.1']; // the rebinding
    await raiseEvent(t, admin);
    let state: { lastError: string | null; delivered: number } = { lastError: null, delivered: 0 };
    await until(async () => {
      const items = (await t.http().get('/v1/webhooks').set(bearer(admin)).expect(200)).body.items as Array<typeof state & { id: string }>;
      state = items.find((w) => w.id === created.body.id)!;
      return state.lastError !== null;
    });
    expect(state.lastError).toMatch(/refused: host rebind\.example\.org resolves to 127\.0\.0\.1 is a loopback address/);
    expect(state.delivered).toBe(0);
    expect(target.hits).toEqual([]);
    await t.http().delete(`/v1/webhooks/${created.body.id}`).set(bearer(admin)).expect(204);
  });
});

describe('webhook delivery to allowed private addresses: no redirect followed, secrets sealed at rest', () => {
  let t: TestApp;
  let admin: string;
  const servers: Server[] = [];

  beforeAll(async () => {
    t = await startTestApp({ jobs: { enabled: true, webhookPollMs: 100 } }); // insecure and private allowed
    admin = t.token('admin');
    await publishPolicy(t, 'hotel');
  });
  afterAll(async () => {
    await t.close();
    for (const s of servers) await new Promise((r) => s.close(r));
  });

  it('a redirect is not followed and lastError says so', async () => {
    const elsewhere = await receiver(204);
    const redirecting = await receiver(302, `http://127.0.0.1:${elsewhere.port}/internal`);
    servers.push(elsewhere.server, redirecting.server);
    const created = await t
      .http()
      .post('/v1/webhooks')
      .set(bearer(admin))
      .send({ url: `http://127.0.0.1:${redirecting.port}/hook`, secret: SECRET })
      .expect(201);
    await raiseEvent(t, admin);
    let lastError: string | null = null;
    await until(async () => {
      const items = (await t.http().get('/v1/webhooks').set(bearer(admin)).expect(200)).body.items as Array<{
        id: string;
        lastError: string | null;
      }>;
      lastError = items.find((w) => w.id === created.body.id)!.lastError;
      return lastError !== null;
    });
    expect(lastError).toMatch(/HTTP 302: redirects are not followed/);
    expect(redirecting.hits.length).toBeGreaterThanOrEqual(1);
    expect(elsewhere.hits).toEqual([]);
    await t.http().delete(`/v1/webhooks/${created.body.id}`).set(bearer(admin)).expect(204);
  });

  it('the secret is not readable in the table, and a secret stored in clear before is sealed and still signs', async () => {
    const target = await receiver(204);
    servers.push(target.server);
    const url = `http://127.0.0.1:${target.port}/hook`;
    const created = await t.http().post('/v1/webhooks').set(bearer(admin)).send({ url, secret: SECRET }).expect(201);
    const stored = (await t.db.query(`SELECT secret FROM webhooks WHERE id = $1`, [created.body.id])).rows[0].secret as string;
    expect(stored).not.toContain(SECRET);
    expect(stored).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/);
    const dump = (await t.db.query(`SELECT row_to_json(w)::text AS row FROM webhooks w`)).rows
      .map((r: { row: string }) => r.row)
      .join('\n');
    expect(dump).not.toContain(SECRET);

    // A subscription from before encryption at rest: its secret in clear until the dispatcher starts.
    await t.db.query(`UPDATE webhooks SET secret = $2 WHERE id = $1`, [created.body.id, SECRET]);
    await t.app.get(WebhooksRepository).sealLegacySecrets();
    const resealed = (await t.db.query(`SELECT secret FROM webhooks WHERE id = $1`, [created.body.id])).rows[0].secret as string;
    expect(resealed).toMatch(/^v1:/);
    expect(resealed).not.toContain(SECRET);
    const due = await t.app.get(WebhooksRepository).due();
    expect(due.find((w) => w.id === created.body.id)?.secret).toBe(SECRET);
    await t.http().delete(`/v1/webhooks/${created.body.id}`).set(bearer(admin)).expect(204);
  });
});
