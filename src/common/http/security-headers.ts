import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/** Where Swagger UI is served (SwaggerModule.setup in app.setup.ts). */
export const DOCS_PATH = '/docs';

/** What the API's JSON needs of a browser: nothing; it is never a page and never framed. */
export const API_CONTENT_SECURITY_POLICY = { defaultSrc: ["'none'"], frameAncestors: ["'none'"] };

/**
 * Swagger UI: its scripts and stylesheet are files of this server, but its page carries inline
 * <style> blocks and style attributes, its icons are data: URIs, and "Try it out" calls the API
 * on this origin.
 */
export const DOCS_CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

function withPolicy(directives: Record<string, string[]>): HelmetOptions {
  return {
    // useDefaults off: helmet's defaults add upgrade-insecure-requests, which breaks plain-http local use.
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
  };
}

/** What a helmet middleware does to a response: headers set and removed. Its options are static, so it does the same to every one. */
interface HeaderPlan {
  set: Array<[string, string]>;
  remove: string[];
}

/** Runs helmet once against a recorder: what it would do to any response (no directive here depends on the request). */
export function planOf(middleware: RequestHandler): HeaderPlan {
  const plan: HeaderPlan = { set: [], remove: [] };
  const recorder = {
    setHeader: (name: string, value: string) => plan.set.push([name, String(value)]),
    removeHeader: (name: string) => plan.remove.push(name),
  };
  let called = false;
  middleware({} as Request, recorder as unknown as Response, () => (called = true));
  if (!called) throw new Error('helmet did not finish synchronously');
  return plan;
}

/**
 * helmet's headers on every response (HSTS, nosniff, X-Frame-Options DENY, Referrer-Policy,
 * Cross-Origin-*-Policy, no X-Powered-By) with a Content-Security-Policy per kind of response: the
 * API's refuses everything, /docs allows what Swagger UI needs, and the workbench under /app
 * replaces it with its own (workbench-static.ts). helmet writes them at start-up, once per kind;
 * each response gets the recorded headers in one step rather than through helmet's thirteen
 * middlewares (issue 20, reads).
 */
export function securityHeaders(): RequestHandler {
  const api = planOf(helmet(withPolicy(API_CONTENT_SECURITY_POLICY)));
  const docs = planOf(helmet(withPolicy(DOCS_CONTENT_SECURITY_POLICY)));
  return (req: Request, res: Response, next: NextFunction): void => {
    const isDocs = req.path === DOCS_PATH || req.path.startsWith(`${DOCS_PATH}/`);
    const plan = isDocs ? docs : api;
    for (const name of plan.remove) res.removeHeader(name);
    for (const [name, value] of plan.set) res.setHeader(name, value);
    next();
  };
}
