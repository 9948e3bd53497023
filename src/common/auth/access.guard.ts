import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { RequestBudget } from '../limits/request-budget.js';
import { ACCESS_KEY, type AccessRule } from './access.decorator.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { verifyBearer } from './bearer.js';
import type { AuthenticatedRequest } from './current-principal.decorator.js';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/** How bearer tokens are checked: the secret, the longest lifetime, where a local secret lives. */
export interface AuthOptions {
  secret: string;
  /** JWT_MAX_TTL_HOURS. */
  maxTtlHours: number;
  /** Set when the secret was generated in the data directory (no JWT_SECRET, not production). */
  secretFile?: string;
}

@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
    private readonly budget: RequestBudget,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) {
      // Closed by default: a route nobody declared access for is a bug, not an open door.
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} declares no access rule`);
      throw new AuthException(AuthExceptionCode.UNDECLARED_ACCESS, 'This endpoint declares no access rule');
    }
    if (rule.public) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const verified = verifyBearer(request, this.options.secret, this.options);
    if (!verified.ok) {
      // Every 401 counts against the client's address (RequestBudget, per address).
      this.budget.recordFailedSignIn(request.ip ?? 'unknown');
      throw new AuthException(verified.code, verified.detail);
    }
    const { principal } = verified;
    if (!rule.roles.includes(principal.role)) {
      throw new AuthException(
        AuthExceptionCode.ROLE_NOT_ALLOWED,
        `Role ${principal.role} may not call this endpoint (allowed: ${rule.roles.join(', ')})`,
      );
    }
    request.principal = principal;
    return true;
  }
}
