import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Where the workbench is served; its client routes are everything under it. */
export const WORKBENCH_PATH = '/app';

/**
 * The page's own rules: scripts, styles and requests only from this server, no framing. The API
 * is same-origin, so `connect-src 'self'` is all it needs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/web of the checkout this file runs from (src/workbench or dist/src/workbench alike). */
export function workbenchDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist/web');
}

/**
 * Serves the built workbench (scripts/build-web.mjs) at /app: hashed assets cached for a year,
 * index.html revalidated on every load and answered for every client route under /app (the
 * single-page fallback). Nothing outside /app is touched, so /v1, /docs and /health are the API's.
 */
export function serveWorkbench(app: INestApplication, dir = workbenchDir()): void {
  const index = join(dir, 'index.html');
  const assets = express.static(join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: true });
  app.use(`${WORKBENCH_PATH}/assets`, assets, (_req: Request, res: Response) => {
    res.status(404).type('text/plain').send('No such workbench asset: it may be from an older build; reload the page');
  });
  app.use(WORKBENCH_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    res.set({
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The workbench is not built: run `npm run build` (it writes dist/web)');
      return;
    }
    res.type('html').sendFile(index);
  });
}
