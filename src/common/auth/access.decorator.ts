import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';

import { ApiProblems, BOUNDARY_PROBLEMS } from '../http/api-problems.decorator.js';
import { addressOverFailedSignIns, principalOverBudget } from '../limits/limits.exception.js';
import { DEFAULT_RATE_LIMITS } from '../limits/request-budget.js';
import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { type Role, ROLES } from './principal.js';

export const ACCESS_KEY = 'access';

/** Every route declares who may call it; the guard refuses routes that declare nothing. */
export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

/** The request budgets' refusals (RequestBudget), as the defaults word them. */
const BUDGET_PROBLEMS = [
  principalOverBudget(DEFAULT_RATE_LIMITS.perMinute, 60, 17),
  addressOverFailedSignIns(DEFAULT_RATE_LIMITS.failedAuthPerMinute, 60, 42),
];

/** Only the given roles may call this route; documents the guard's 401 and 403 and the budgets' 429 with it. */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  const refused = ROLES.find((role) => !roles.includes(role));
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { public: false, roles } satisfies AccessRule),
    ApiBearerAuth('bearer'),
    ApiExtension('x-roles', roles),
    ApiProblems(
      ...BOUNDARY_PROBLEMS,
      401,
      ...BUDGET_PROBLEMS,
      ...(refused
        ? [
            new AuthException(
              AuthExceptionCode.ROLE_NOT_ALLOWED,
              `Role ${refused} may not call this endpoint (allowed: ${roles.join(', ')})`,
            ),
          ]
        : []),
    ),
  );
}

/** Anyone may call this route, without a token. */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule), ApiProblems(...BOUNDARY_PROBLEMS));
}
