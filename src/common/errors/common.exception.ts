import { AppException, assertNever } from './app.exception.js';

export enum CommonExceptionCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_BODY = 'MALFORMED_BODY',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  INVALID_CURSOR = 'INVALID_CURSOR',
  DATE_OUT_OF_RANGE = 'DATE_OUT_OF_RANGE',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
}

/** Errors about the shape of a request rather than the business. */
/** The HTTP status of each code of this module: adding a code is an edit here only. */
function commonStatus(code: CommonExceptionCode): number {
  switch (code) {
    case CommonExceptionCode.VALIDATION_FAILED:
    case CommonExceptionCode.MALFORMED_BODY:
    case CommonExceptionCode.INVALID_CURSOR:
      return 400;
    case CommonExceptionCode.ROUTE_NOT_FOUND:
      return 404;
    case CommonExceptionCode.PAYLOAD_TOO_LARGE:
      return 413;
    case CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case CommonExceptionCode.DATE_OUT_OF_RANGE:
      return 422;
    case CommonExceptionCode.DATABASE_UNAVAILABLE:
      return 503;
    default:
      return assertNever(code);
  }
}

export class CommonException extends AppException<CommonExceptionCode> {
  get status(): number {
    return commonStatus(this.code);
  }
}
