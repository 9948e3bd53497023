import { AppException, assertNever } from '../errors/app.exception.js';

export enum AuthExceptionCode {
  MISSING_TOKEN = 'MISSING_TOKEN',
  /** The Authorization header is not `Bearer <token>`. */
  INVALID_TOKEN = 'INVALID_TOKEN',
  /** Not a JWT, not JSON, unsigned or signed with another algorithm than HS256. */
  MALFORMED_TOKEN = 'MALFORMED_TOKEN',
  TOKEN_SIGNATURE_MISMATCH = 'TOKEN_SIGNATURE_MISMATCH',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  TOKEN_NOT_YET_VALID = 'TOKEN_NOT_YET_VALID',
  TOKEN_WITHOUT_EXPIRY = 'TOKEN_WITHOUT_EXPIRY',
  TOKEN_LIFETIME_TOO_LONG = 'TOKEN_LIFETIME_TOO_LONG',
  /** sub, role, categories, shopperId or a time claim is not what API.md says. */
  INVALID_TOKEN_CLAIMS = 'INVALID_TOKEN_CLAIMS',
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  CATEGORY_NOT_ALLOWED = 'CATEGORY_NOT_ALLOWED',
  UNDECLARED_ACCESS = 'UNDECLARED_ACCESS',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function authStatus(code: AuthExceptionCode): number {
  switch (code) {
    case AuthExceptionCode.MISSING_TOKEN:
    case AuthExceptionCode.INVALID_TOKEN:
    case AuthExceptionCode.MALFORMED_TOKEN:
    case AuthExceptionCode.TOKEN_SIGNATURE_MISMATCH:
    case AuthExceptionCode.TOKEN_EXPIRED:
    case AuthExceptionCode.TOKEN_NOT_YET_VALID:
    case AuthExceptionCode.TOKEN_WITHOUT_EXPIRY:
    case AuthExceptionCode.TOKEN_LIFETIME_TOO_LONG:
    case AuthExceptionCode.INVALID_TOKEN_CLAIMS:
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
