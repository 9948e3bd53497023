import type { Request } from 'express';

import { AuthExceptionCode } from './auth.exception.js';
import { type TokenVerification, type VerifyOptions, verifyToken } from './jwt.js';

/** What a request's Authorization header says about its caller: a principal, or why not. */
export type BearerVerification =
  TokenVerification | { ok: false; code: AuthExceptionCode.MISSING_TOKEN | AuthExceptionCode.INVALID_TOKEN; detail: string };

const verified = new WeakMap<Request, BearerVerification>();

/**
 * Verifies the request's bearer token once: the request budget (before the body is read) and the
 * access guard (after) ask the same question, and the answer is kept with the request.
 */
export function verifyBearer(request: Request, secret: string, options: VerifyOptions): BearerVerification {
  let result = verified.get(request);
  if (!result) {
    result = verifyHeader(request.headers.authorization, secret, options);
    verified.set(request, result);
  }
  return result;
}

function verifyHeader(header: string | undefined, secret: string, options: VerifyOptions): BearerVerification {
  if (!header) return { ok: false, code: AuthExceptionCode.MISSING_TOKEN, detail: 'Authorization: Bearer <token> is required' };
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return { ok: false, code: AuthExceptionCode.INVALID_TOKEN, detail: 'Authorization header must be "Bearer <token>"' };
  return verifyToken(secret, match[1], options);
}
