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
    ApiUnauthorizedResponse({ description: 'Missing, malformed or expired bearer token', type: ProblemDto }),
    ApiForbiddenResponse({ description: `Allowed roles: ${roles.join(', ')}`, type: ProblemDto }),
  );
}

/** Anyone may call this route, without a token. */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule));
}
