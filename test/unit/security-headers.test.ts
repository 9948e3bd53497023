import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';

import { API_CONTENT_SECURITY_POLICY, planOf, securityHeaders } from '../../src/common/http/security-headers.js';

function response(): ServerResponse {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.setHeader('X-Powered-By', 'Express');
  return res;
}

function apply(middleware: RequestHandler, path: string): Record<string, unknown> {
  const res = response();
  let called = false;
  middleware({ path } as Request, res as unknown as Response, () => (called = true));
  expect(called).toBe(true);
  return { ...res.getHeaders() };
}

describe('security headers recorded from helmet once', () => {
  it('give a response exactly the headers helmet itself gives it, X-Powered-By removed', () => {
    const direct = helmet({
      contentSecurityPolicy: { useDefaults: false, directives: API_CONTENT_SECURITY_POLICY },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    });
    const expected = apply(direct, '/v1/suppliers');
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    expect(expected['x-powered-by']).toBeUndefined();
    expect(apply(securityHeaders(), '/v1/suppliers')).toEqual(expected);
  });

  it('differ for the documentation, whose policy lets Swagger UI run', () => {
    const api = apply(securityHeaders(), '/v1/suppliers');
    const docs = apply(securityHeaders(), '/docs/index.html');
    expect(docs['content-security-policy']).not.toEqual(api['content-security-policy']);
    expect(String(docs['content-security-policy'])).toContain("script-src 'self'");
  });

  it('refuse a helmet that would not finish at once (its plan could not be recorded)', () => {
    expect(() => planOf(() => undefined)).toThrow(/synchronously/);
  });
});
