import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

import { ProblemDto } from '../http/problem.dto.js';
import type { Role } from './principal.js';

export const ACCESS_KEY = 'access';

/** Every route declares who may call it; the guard refuses routes that declare nothing. */
export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

/** Only the given roles may call this route. */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { public: false, roles } satisfies AccessRule),
    ApiBearerAuth('bearer'),
    ApiExtension('x-roles', roles),
    ApiUnauthorizedResponse({
      description:
        'Missing or refused bearer token: malformed, signed with another secret, expired, without exp or valid ' +
        'for longer than JWT_MAX_TTL_HOURS, or with an unknown role or a categories entry that is not a category ' +
        'slug; detail says which and what to do',
      type: ProblemDto,
    }),
    ApiForbiddenResponse({ description: `Allowed roles: ${roles.join(', ')}`, type: ProblemDto }),
  );
}

/** Anyone may call this route, without a token. */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule));
}
