import { AppException, assertNever } from '../errors/app.exception.js';

export enum AuthExceptionCode {
  MISSING_TOKEN = 'MISSING_TOKEN',
  INVALID_TOKEN = 'INVALID_TOKEN',
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  CATEGORY_NOT_ALLOWED = 'CATEGORY_NOT_ALLOWED',
  UNDECLARED_ACCESS = 'UNDECLARED_ACCESS',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function authStatus(code: AuthExceptionCode): number {
  switch (code) {
    case AuthExceptionCode.MISSING_TOKEN:
    case AuthExceptionCode.INVALID_TOKEN:
      return 401;
    case AuthExceptionCode.ROLE_NOT_ALLOWED:
    case AuthExceptionCode.CATEGORY_NOT_ALLOWED:
    case AuthExceptionCode.UNDECLARED_ACCESS:
      return 403;
    default:
      return assertNever(code);
  }
}

export class AuthException extends AppException<AuthExceptionCode> {
  get status(): number {
    return authStatus(this.code);
  }
}
