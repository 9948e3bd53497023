import { AppException, assertNever } from './app.exception.js';

export enum CommonExceptionCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  /** The body is not JSON (the code keeps the problem type `entity-parse-failed` clients know). */
  ENTITY_PARSE_FAILED = 'ENTITY_PARSE_FAILED',
  /** The body, as sent or once decoded, is larger than the endpoint accepts (`entity-too-large`). */
  ENTITY_TOO_LARGE = 'ENTITY_TOO_LARGE',
  /** The body is valid JSON but not a JSON object, the shape of every request body. */
  MALFORMED_BODY = 'MALFORMED_BODY',
  BODY_NOT_UTF8 = 'BODY_NOT_UTF8',
  BODY_TOO_DEEP = 'BODY_TOO_DEEP',
  /** `Content-Encoding: gzip` on bytes that are not a whole gzip stream. */
  CORRUPT_CONTENT_ENCODING = 'CORRUPT_CONTENT_ENCODING',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  UNSUPPORTED_CONTENT_ENCODING = 'UNSUPPORTED_CONTENT_ENCODING',
  INVALID_CURSOR = 'INVALID_CURSOR',
  DATE_OUT_OF_RANGE = 'DATE_OUT_OF_RANGE',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
  /** Readiness: starting, shutting down, or migrations not applied. */
  NOT_READY = 'NOT_READY',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function commonStatus(code: CommonExceptionCode): number {
  switch (code) {
    case CommonExceptionCode.VALIDATION_FAILED:
    case CommonExceptionCode.ENTITY_PARSE_FAILED:
    case CommonExceptionCode.MALFORMED_BODY:
    case CommonExceptionCode.BODY_NOT_UTF8:
    case CommonExceptionCode.BODY_TOO_DEEP:
    case CommonExceptionCode.CORRUPT_CONTENT_ENCODING:
    case CommonExceptionCode.INVALID_CURSOR:
      return 400;
    case CommonExceptionCode.ROUTE_NOT_FOUND:
      return 404;
    case CommonExceptionCode.ENTITY_TOO_LARGE:
      return 413;
    case CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE:
    case CommonExceptionCode.UNSUPPORTED_CONTENT_ENCODING:
      return 415;
    case CommonExceptionCode.DATE_OUT_OF_RANGE:
      return 422;
    case CommonExceptionCode.DATABASE_UNAVAILABLE:
    case CommonExceptionCode.NOT_READY:
      return 503;
    default:
      return assertNever(code);
  }
}

/** Errors about the shape of a request rather than the business. */
export class CommonException extends AppException<CommonExceptionCode> {
  get status(): number {
    return commonStatus(this.code);
  }
}
