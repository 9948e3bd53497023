import { AppException } from './app.exception.js';

export enum CommonExceptionCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_BODY = 'MALFORMED_BODY',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  INVALID_CURSOR = 'INVALID_CURSOR',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
}

/** Errors about the shape of a request rather than the business. */
export class CommonException extends AppException<CommonExceptionCode> {}
