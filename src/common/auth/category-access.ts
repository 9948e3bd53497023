import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { canAccessCategory, type Principal } from './principal.js';

export function assertCategoryAccess(principal: Principal, category: string): void {
  if (!canAccessCategory(principal, category)) {
    throw new AuthException(AuthExceptionCode.CATEGORY_NOT_ALLOWED, `You do not manage category "${category}"`);
  }
}
