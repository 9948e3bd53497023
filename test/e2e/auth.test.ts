import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ROLES } from '../../src/common/auth/principal.js';
import { describeRouteAccess, type RouteAccess } from '../../src/common/auth/route-access.js';
import { expectProblem } from '../support/fixtures.js';
import { bearer, startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

function concretePath(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => (name === 'category' ? 'hotel' : '00000000-0000-4000-8000-000000000000'));
}

function call(t: TestApp, route: RouteAccess) {
  const agent = t.http();
  const path = concretePath(route.path);
  switch (route.method) {
    case 'GET':
      return agent.get(path);
    case 'POST':
      return agent.post(path).send({});
    case 'PUT':
      return agent.put(path).send({});
    case 'DELETE':
      return agent.delete(path);
    case 'PATCH':
      return agent.patch(path).send({});
    default:
      throw new Error(`unexpected method ${route.method}`);
  }
}

describe('authentication and authorisation', () => {
  let t: TestApp;
  let routes: RouteAccess[];
  beforeAll(async () => {
    t = await startTestApp();
    routes = describeRouteAccess(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the routes of every controller', () => {
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /health', 'POST /v1/suppliers', 'PUT /v1/policies/:category', 'POST /v1/suppliers/:id/status']),
    );
  });

  it('every endpoint declares who may call it', () => {
    const undeclared = routes.filter((r) => r.access === undefined).map((r) => r.handler);
    expect(undeclared).toEqual([]);
  });

  it('only the health probes and the metrics are public', () => {
    // GET /metrics needs no JWT; METRICS_TOKEN guards it when set (test/e2e/metrics.test.ts).
    expect(routes.filter((r) => r.access?.public).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /health',
      'GET /health/live',
      'GET /health/ready',
      'GET /metrics',
    ]);
  });

  it('every non-public endpoint answers 401 without a token', async () => {
    for (const route of routes.filter((r) => r.access && !r.access.public)) {
      const res = await call(t, route);
      expect(res.status, `${route.method} ${route.path}`).toBe(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('every non-public endpoint answers 403 to each role it does not allow', async () => {
    let checked = 0;
    for (const route of routes) {
      if (!route.access || route.access.public) continue;
      const allowed = route.access.roles;
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        const token = t.token(
          role,
          role === 'mystery_shopper'
            ? { shopperId: 'sh-1' }
            : role === 'supplier'
              ? { supplierId: '0190f3a0-0000-7000-8000-000000000001' }
              : {},
        );
        const res = await call(t, route).set(bearer(token));
        expect(res.status, `${role} on ${route.method} ${route.path}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  const now = Math.floor(Date.now() / 1000);
  /** A token of these claims over a valid admin's; a claim given as undefined is left out. */
  const signed = (claims: Record<string, unknown>, secret = TEST_JWT_SECRET, options: jwt.SignOptions = {}) => {
    const payload = Object.fromEntries(
      Object.entries({ sub: 'x', role: 'admin', exp: now + 3600, ...claims }).filter(([, v]) => v !== undefined),
    );
    return `Bearer ${jwt.sign(payload, secret, options)}`;
  };

  it.each([
    ['a garbage token', 'Bearer nonsense', 'malformed-token', 'is malformed'],
    [
      'an unsigned token (alg none)',
      signed({}, '', { algorithm: 'none' }),
      'malformed-token',
      'alg "none"; this service accepts HS256 only',
    ],
    [
      'a token signed with another secret',
      signed({}, 'another-secret-abcdefgh'),
      'token-signature-mismatch',
      "signed with another secret than this server's JWT_SECRET",
    ],
    ['an expired token', signed({ exp: 1_600_000_000, iat: 1_599_990_000 }), 'token-expired', 'expired at 2020-09-13T12:26:40.000Z'],
    ['a token without exp', signed({ exp: undefined }), 'token-without-expiry', 'has no exp'],
    [
      'a token valid for longer than JWT_MAX_TTL_HOURS',
      signed({ iat: now, exp: now + 721 * 3600 }),
      'token-lifetime-too-long',
      'valid for 721 hours (until',
    ],
    ['a token without sub', signed({ sub: undefined }), 'invalid-token-claims', 'has no sub'],
    ['an unknown role', signed({ role: 'root' }), 'invalid-token-claims', '"root" is unknown; roles are admin, category_manager'],
    [
      'a categories entry that is not a slug',
      signed({ role: 'category_manager', categories: ['hotel', 'Hotel'] }),
      'invalid-token-claims',
      'categories entry "Hotel" is not a category slug',
    ],
    [
      'a path in categories',
      signed({ role: 'category_manager', categories: ['../x'] }),
      'invalid-token-claims',
      '"../x" is not a category slug',
    ],
    ['a shopper without shopperId', signed({ role: 'mystery_shopper' }), 'invalid-token-claims', 'needs shopperId'],
    ['a supplier without supplierId', signed({ role: 'supplier' }), 'invalid-token-claims', 'needs supplierId'],
    ['a supplierId that is no id', signed({ role: 'supplier', supplierId: 'acme' }), 'invalid-token-claims', 'a UUID'],
    [
      'a supplierId on a manager',
      signed({ role: 'category_manager', supplierId: '0190f3a0-0000-7000-8000-000000000001' }),
      'invalid-token-claims',
      'Only a supplier token carries supplierId',
    ],
    ['a Basic header', 'Basic YWRtaW46YWRtaW4=', 'invalid-token', 'must be "Bearer <token>"'],
  ])('%s is a 401 saying what is wrong', async (_, header, type, detail) => {
    const res = await t.http().get('/v1/suppliers').set('Authorization', header);
    const problem = expectProblem(res, 401);
    expect(problem.type).toBe(`urn:supplier-governance:problem:${type}`);
    expect(problem.detail).toContain(detail);
  });

  it('no refusal shows the secret', async () => {
    const res = await t.http().get('/v1/suppliers').set('Authorization', signed({}, 'another-secret-abcdefgh'));
    expect(res.status).toBe(401);
    expect(res.text).not.toContain(TEST_JWT_SECRET);
  });

  it('a valid token of an allowed role passes', async () => {
    await t
      .http()
      .get('/v1/suppliers')
      .set(bearer(t.token('integration')))
      .expect(200);
  });
});
