import { AuthException, AuthExceptionCode } from './auth.exception.js';
import { canAccessCategory, type Principal } from './principal.js';

/** The refusal of a category manager acting outside its categories (also the spec's example). */
export function categoryRefusal(category: string): AuthException {
  return new AuthException(AuthExceptionCode.CATEGORY_NOT_ALLOWED, `You do not manage category "${category}"`);
}

export function assertCategoryAccess(principal: Principal, category: string): void {
  if (!canAccessCategory(principal, category)) throw categoryRefusal(category);
}
