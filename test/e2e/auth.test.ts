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

  it('only /health is public', () => {
    expect(routes.filter((r) => r.access?.public).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /health']);
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
        const token = t.token(role, role === 'mystery_shopper' ? { shopperId: 'sh-1' } : {});
        const res = await call(t, route).set(bearer(token));
        expect(res.status, `${role} on ${route.method} ${route.path}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it.each([
    ['a garbage token', 'Bearer nonsense'],
    ['a token signed with another secret', `Bearer ${jwt.sign({ role: 'admin', sub: 'x' }, 'another-secret-abcdefgh')}`],
    ['an expired token', `Bearer ${jwt.sign({ role: 'admin', sub: 'x', exp: 1 }, TEST_JWT_SECRET)}`],
    ['an unknown role', `Bearer ${jwt.sign({ role: 'root', sub: 'x' }, TEST_JWT_SECRET)}`],
    ['a Basic header', 'Basic YWRtaW46YWRtaW4='],
  ])('%s is 401', async (_, header) => {
    const res = await t.http().get('/v1/suppliers').set('Authorization', header);
    expectProblem(res, 401);
  });

  it('a valid token of an allowed role passes', async () => {
    await t
      .http()
      .get('/v1/suppliers')
      .set(bearer(t.token('integration')))
      .expect(200);
  });
});
