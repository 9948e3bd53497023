import { AppException } from '../errors/app.exception.js';

export enum AuthExceptionCode {
  MISSING_TOKEN = 'MISSING_TOKEN',
  INVALID_TOKEN = 'INVALID_TOKEN',
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  CATEGORY_NOT_ALLOWED = 'CATEGORY_NOT_ALLOWED',
  UNDECLARED_ACCESS = 'UNDECLARED_ACCESS',
}

export class AuthException extends AppException<AuthExceptionCode> {}
