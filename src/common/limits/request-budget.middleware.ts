import { Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

import type { AuthOptions } from '../auth/access.guard.js';
import { verifyBearer } from '../auth/bearer.js';
import type { AuthenticatedRequest } from '../auth/current-principal.decorator.js';
import { sendProblem, toProblem } from '../http/problem.filter.js';
import type { LimitsException } from './limits.exception.js';
import type { BudgetState, RequestBudget } from './request-budget.js';

/** Paths no budget applies to: probes, metrics, the API's documentation, the workbench's files. */
export const UNBUDGETED_PATHS = ['/health', '/metrics', '/docs', '/docs-json', '/app'];

export function isBudgeted(path: string): boolean {
  return !UNBUDGETED_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

const logger = new Logger('Limits');

function refuse(req: Request, res: Response, refusal: LimitsException): void {
  res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
  sendProblem(res, toProblem(refusal, req as AuthenticatedRequest, logger));
}

function announce(res: Response, state: BudgetState, windowSeconds: number): void {
  res.setHeader('RateLimit-Policy', `${state.limit};w=${windowSeconds}`);
  res.setHeader('RateLimit-Limit', String(state.limit));
  res.setHeader('RateLimit-Remaining', String(state.remaining));
  res.setHeader('RateLimit-Reset', String(state.resetSeconds));
}

/**
 * The request budgets, before the body is read: a request with a valid bearer token is counted
 * against its principal (429 beyond the budget); one without is refused with 429 while its
 * address has had too many tokens refused (the access guard counts each 401). A valid token is
 * never refused for its address's failures: a shared office or proxy address stays usable.
 */
export function requestBudget(budget: RequestBudget, auth: AuthOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!budget.enabled || !isBudgeted(req.path)) {
      next();
      return;
    }
    const verified = verifyBearer(req, auth.secret, auth);
    const decided = verified.ok
      ? budget.chargePrincipal(verified.principal).then((state) => {
          announce(res, state, budget.windowSeconds);
          return state.refusal;
        })
      : budget.failedSignInRefusal(req.ip ?? 'unknown');
    decided.then(
      (refusal) => (refusal ? refuse(req, res, refusal) : next()),
      (error: unknown) => next(error),
    );
  };
}
