import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';

import { DEFAULT_FAILED_AUTH_PER_MINUTE, DEFAULT_RATE_LIMIT_PER_MINUTE } from '../../config/rate-limit-defaults.js';
import type { Principal } from '../auth/principal.js';
import { addressOverFailedSignIns, type LimitsException, principalOverBudget } from './limits.exception.js';

export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');

/** RATE_LIMIT_* (README, "Limits and headers"). */
export interface RateLimitOptions {
  /** RATE_LIMIT_ENABLED: false answers every request without counting. */
  enabled: boolean;
  /** RATE_LIMIT_PER_MINUTE: requests per principal (JWT subject and role) per window. */
  perMinute: number;
  /** RATE_LIMIT_FAILED_AUTH_PER_MINUTE: 401s per client address per window before it is refused. */
  failedAuthPerMinute: number;
  /** TRUST_PROXY_HOPS: the client address is X-Forwarded-For's past that many proxies (0, default: the socket's). */
  trustProxyHops?: number;
  /** The window's length; 60 s but in tests of the refill. */
  windowSeconds?: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  enabled: true,
  perMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
  failedAuthPerMinute: DEFAULT_FAILED_AUTH_PER_MINUTE,
};

/** Where a caller stands after a request was counted: what the RateLimit-* headers say. */
export interface BudgetState {
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the budget is whole again (at least 1). */
  resetSeconds: number;
  /** Set when the request is over the budget. */
  refusal?: LimitsException;
}

function secondsOf(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/**
 * The request budgets of this instance, in memory (rate-limiter-flexible's fixed windows): one
 * per principal, and one per client address counting refused bearer tokens. Instances do not
 * share them, so N instances behind a balancer allow up to N times the budget.
 */
@Injectable()
export class RequestBudget {
  readonly windowSeconds: number;
  private readonly principals: RateLimiterMemory;
  private readonly failedSignIns: RateLimiterMemory;

  constructor(@Inject(RATE_LIMIT_OPTIONS) readonly options: RateLimitOptions) {
    this.windowSeconds = options.windowSeconds ?? 60;
    this.principals = new RateLimiterMemory({ keyPrefix: 'principal', points: options.perMinute, duration: this.windowSeconds });
    this.failedSignIns = new RateLimiterMemory({ keyPrefix: 'address', points: options.failedAuthPerMinute, duration: this.windowSeconds });
  }

  get enabled(): boolean {
    return this.options.enabled;
  }

  /** Counts one request of the principal (a batch of a thousand items is one request). */
  async chargePrincipal(principal: Principal): Promise<BudgetState> {
    const limit = this.options.perMinute;
    try {
      const res = await this.principals.consume(`${principal.role}:${principal.sub}`);
      return { limit, remaining: res.remainingPoints, resetSeconds: secondsOf(res) };
    } catch (rejection) {
      const res = rejection as RateLimiterRes;
      const seconds = secondsOf(res);
      return { limit, remaining: 0, resetSeconds: seconds, refusal: principalOverBudget(limit, this.windowSeconds, seconds) };
    }
  }

  /** The refusal for a request without a valid token from an address that has had too many refused. */
  async failedSignInRefusal(address: string): Promise<LimitsException | undefined> {
    const res = await this.failedSignIns.get(address);
    if (!res || res.consumedPoints < this.options.failedAuthPerMinute) return undefined;
    return addressOverFailedSignIns(this.options.failedAuthPerMinute, this.windowSeconds, secondsOf(res));
  }

  /** One more refused bearer token from the address (counted at once, in memory). */
  recordFailedSignIn(address: string): void {
    if (!this.enabled) return;
    void this.failedSignIns.penalty(address);
  }
}
