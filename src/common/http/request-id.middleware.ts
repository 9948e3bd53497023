import { randomUUID } from 'node:crypto';

import type { NextFunction, Response } from 'express';

import type { AuthenticatedRequest } from '../auth/current-principal.decorator.js';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives every request an id (the caller's X-Request-Id when sane) echoed in logs and errors. */
export function requestIdMiddleware(req: AuthenticatedRequest, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  req.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
}
