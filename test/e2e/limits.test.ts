import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_RATE_LIMITS } from '../../src/common/limits/request-budget.js';
import { createSupplier, expectProblem, publishPolicy } from '../support/fixtures.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const WINDOW_SECONDS = 3;

function retryAfterOf(res: { headers: Record<string, string> }): number {
  const header = res.headers['retry-after'];
  expect(header).toMatch(/^\d+$/);
  const seconds = Number(header);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(WINDOW_SECONDS);
  return seconds;
}

describe('request budget per principal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ limits: { perMinute: 5, failedAuthPerMinute: 1000, windowSeconds: WINDOW_SECONDS } });
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (token: string) => t.http().get('/v1/suppliers').set(bearer(token));

  it('answers 429 problem+json with Retry-After past the budget, and says what is left before', async () => {
    const token = t.token('category_manager', { sub: 'ana@example.com' });
    for (let n = 1; n <= 5; n++) {
      const res = await list(token).expect(200);
      expect(res.headers['ratelimit-limit']).toBe('5');
      expect(res.headers['ratelimit-remaining']).toBe(String(5 - n));
      expect(res.headers['ratelimit-policy']).toBe(`5;w=${WINDOW_SECONDS}`);
      expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
    }
    const refused = await list(token);
    const problem = expectProblem(refused, 429);
    expect(problem.type).toBe('urn:supplier-governance:problem:rate-limited');
    expect(problem.detail).toMatch(/\(5 requests per 3 s\); retry after \d s$/);
    expect(refused.body).toMatchObject({
      title: 'Too Many Requests',
      instance: '/v1/suppliers',
      requestId: refused.headers['x-request-id'],
    });
    retryAfterOf(refused);
    expect(refused.headers['ratelimit-remaining']).toBe('0');
  });

  it('counts each principal apart: another subject, or the same subject in another role, is not affected', async () => {
    const spent = t.token('category_manager', { sub: 'ben@example.com' });
    for (let n = 0; n < 5; n++) await list(spent).expect(200);
    expectProblem(await list(spent), 429);
    await list(t.token('category_manager', { sub: 'cleo@example.com' })).expect(200);
    await list(t.token('admin', { sub: 'ben@example.com' })).expect(200);
    // A newly signed token of the same subject and role is the same principal: still refused.
    expectProblem(await list(t.token('category_manager', { sub: 'ben@example.com', expiresInSeconds: 600 })), 429);
  });

  it('refuses before the body is read, and counts a refused role (403) and an unknown route against the principal', async () => {
    const token = t.token('integration', { sub: 'dan' });
    await t.http().get('/v1/no-such-thing').set(bearer(token)).expect(404);
    await t.http().post('/v1/suppliers').set(bearer(token)).send({ externalRef: 'x', name: 'x', category: 'hotel' }).expect(403);
    for (let n = 0; n < 3; n++) await list(token).expect(200);
    const res = await t.http().post('/v1/reviews/batch').set(bearer(token)).set('Content-Type', 'application/json').send('{not json');
    expect(expectProblem(res, 429).type).toBe('urn:supplier-governance:problem:rate-limited');
  });

  it('refills when the window ends', async () => {
    const token = t.token('integration', { sub: 'feed-1' });
    for (let n = 0; n < 5; n++) await list(token).expect(200);
    const refused = await list(token);
    expectProblem(refused, 429);
    await sleep(retryAfterOf(refused) * 1000 + 100);
    const again = await list(token).expect(200);
    expect(again.headers['ratelimit-remaining']).toBe('4');
  });

  it('does not budget the health probes, the docs or the workbench', async () => {
    const token = t.token('category_manager', { sub: 'eve@example.com' });
    for (let n = 0; n < 5; n++) await list(token).expect(200);
    for (let n = 0; n < 8; n++) {
      const health = await t.http().get('/health/live').set(bearer(token)).expect(200);
      expect(health.headers['ratelimit-limit']).toBeUndefined();
    }
    await t.http().get('/docs-json').set(bearer(token)).expect(200);
    expectProblem(await list(token), 429);
  });
});

describe('failed sign-ins per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ limits: { perMinute: 1000, failedAuthPerMinute: 3, windowSeconds: WINDOW_SECONDS } });
  });
  afterAll(async () => {
    await t.close();
  });

  const badToken = () => {
    // Signed with another secret: a refused token, as a guesser sends.
    const forged = t.token('admin').split('.');
    return `${forged[0]}.${forged[1]}.${Buffer.from('not-the-signature').toString('base64url')}`;
  };

  it('answers 401 up to the budget, then 429 to every request without a valid token, while a valid token from the same address passes', async () => {
    for (let n = 0; n < 2; n++) expectProblem(await t.http().get('/v1/suppliers').set(bearer(badToken())), 401);
    expectProblem(await t.http().get('/v1/suppliers'), 401); // no token at all counts too
    const refused = await t.http().get('/v1/suppliers').set(bearer(badToken()));
    const problem = expectProblem(refused, 429);
    expect(problem.type).toBe('urn:supplier-governance:problem:too-many-failed-sign-ins');
    expect(problem.detail).toContain('with a valid token');
    retryAfterOf(refused);
    expect(expectProblem(await t.http().get('/v1/suppliers'), 429).type).toMatch(/too-many-failed-sign-ins$/);
    expect(expectProblem(await t.http().get('/v1/suppliers').set('Authorization', 'Basic x'), 429).type).toMatch(
      /too-many-failed-sign-ins$/,
    );

    // A shared office or proxy address stays usable for whoever holds a valid token.
    const valid = await t
      .http()
      .get('/v1/suppliers')
      .set(bearer(t.token('category_manager')))
      .expect(200);
    expect(valid.headers['ratelimit-remaining']).toBe('999');
    await t.http().get('/health').expect(200);

    // The window ends: a refused token is answered with its 401 again.
    await sleep(retryAfterOf(refused) * 1000 + 100);
    expect(expectProblem(await t.http().get('/v1/suppliers').set(bearer(badToken())), 401).type).toMatch(/token-signature-mismatch$/);
  });
});

describe('failed sign-ins behind a proxy (TRUST_PROXY_HOPS=1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ limits: { perMinute: 1000, failedAuthPerMinute: 2, windowSeconds: WINDOW_SECONDS, trustProxyHops: 1 } });
  });
  afterAll(async () => {
    await t.close();
  });

  const from = (address: string) => t.http().get('/v1/suppliers').set('X-Forwarded-For', address);

  it("counts each client address the proxy names apart, not the proxy's own", async () => {
    for (let n = 0; n < 2; n++) expectProblem(await from('203.0.113.7'), 401);
    expectProblem(await from('203.0.113.7'), 429);
    expectProblem(await from('198.51.100.20'), 401);
    // Only the last hop is believed: an address the client prepends itself changes nothing.
    expectProblem(await from('10.0.0.1, 203.0.113.7'), 429);
  });
});

describe('request budgets switched off', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ limits: { enabled: false, perMinute: 1, failedAuthPerMinute: 1, windowSeconds: WINDOW_SECONDS } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts nothing with RATE_LIMIT_ENABLED=false', async () => {
    const token = t.token('admin');
    for (let n = 0; n < 4; n++) {
      const res = await t.http().get('/v1/suppliers').set(bearer(token)).expect(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
    for (let n = 0; n < 4; n++) expectProblem(await t.http().get('/v1/suppliers'), 401);
  });
});

describe('the default budget and a batch feed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ limits: DEFAULT_RATE_LIMITS });
    await publishPolicy(t, 'hotel');
    await Promise.all(Array.from({ length: 20 }, (_, i) => createSupplier(t, { externalRef: `H-${i}` })));
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes a feed of 20,000 reviews in batches of 1,000, three in flight, each batch one request of the budget', async () => {
    const integration = t.token('integration', { sub: 'review-feed' });
    const batches = Array.from({ length: 20 }, (_, b) =>
      Array.from({ length: 1000 }, (_, i) => ({
        externalId: `feed-${b}-${i}`,
        supplierRef: `H-${i % 20}`,
        rating: (i % 5) + 1,
        reviewedAt: `2026-09-${String((i % 28) + 1).padStart(2, '0')}T12:00:00Z`,
      })),
    );
    const remaining: number[] = [];
    for (let b = 0; b < batches.length; b += 3) {
      const results = await Promise.all(
        batches.slice(b, b + 3).map((reviews) => t.http().post('/v1/reviews/batch').set(bearer(integration)).send({ reviews })),
      );
      for (const res of results) {
        expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
        expect(res.body.accepted).toBe(1000);
        remaining.push(Number(res.headers['ratelimit-remaining']));
      }
    }
    expect(Math.min(...remaining)).toBe(DEFAULT_RATE_LIMITS.perMinute - 20);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM reviews WHERE external_id LIKE 'feed-%'`);
    expect(rows[0].n).toBe(20_000);
  });
});
