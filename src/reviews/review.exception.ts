import { AppException, assertNever } from '../common/errors/app.exception.js';

export enum ReviewExceptionCode {
  REVIEW_NOT_FOUND = 'REVIEW_NOT_FOUND',
  BATCH_TOO_LARGE = 'BATCH_TOO_LARGE',
  ALREADY_EXCLUDED = 'ALREADY_EXCLUDED',
  NOT_EXCLUDED = 'NOT_EXCLUDED',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function reviewStatus(code: ReviewExceptionCode): number {
  switch (code) {
    case ReviewExceptionCode.REVIEW_NOT_FOUND:
      return 404;
    case ReviewExceptionCode.ALREADY_EXCLUDED:
    case ReviewExceptionCode.NOT_EXCLUDED:
      return 409;
    case ReviewExceptionCode.BATCH_TOO_LARGE:
      return 413;
    default:
      return assertNever(code);
  }
}

export class ReviewException extends AppException<ReviewExceptionCode> {
  get status(): number {
    return reviewStatus(this.code);
  }
}
