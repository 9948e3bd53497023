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

/**
 * helmet's headers on every response (HSTS, nosniff, X-Frame-Options DENY, Referrer-Policy,
 * Cross-Origin-*-Policy, no X-Powered-By) with a Content-Security-Policy per kind of response: the
 * API's refuses everything, /docs allows what Swagger UI needs, and the workbench under /app
 * replaces it with its own (workbench-static.ts).
 */
export function securityHeaders(): RequestHandler {
  const api = helmet(withPolicy(API_CONTENT_SECURITY_POLICY));
  const docs = helmet(withPolicy(DOCS_CONTENT_SECURITY_POLICY));
  return (req: Request, res: Response, next: NextFunction): void => {
    const isDocs = req.path === DOCS_PATH || req.path.startsWith(`${DOCS_PATH}/`);
    (isDocs ? docs : api)(req, res, next);
  };
}
