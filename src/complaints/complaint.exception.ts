import { AppException, assertNever } from '../common/errors/app.exception.js';

export enum ComplaintExceptionCode {
  COMPLAINT_NOT_FOUND = 'COMPLAINT_NOT_FOUND',
  /** The item is of the contract's shape but breaks a rule: a date out of range, an amount or currency (422). */
  INVALID_COMPLAINT = 'INVALID_COMPLAINT',
  /** A repeat of (source, externalId) with other content: a complaint has a lifecycle, an intake does not rewrite it. */
  CHANGED_DUPLICATE = 'CHANGED_DUPLICATE',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  /** A step's time before the opening or the previous step, or in the future. */
  STEP_TIME_OUT_OF_RANGE = 'STEP_TIME_OUT_OF_RANGE',
  BATCH_TOO_LARGE = 'COMPLAINT_BATCH_TOO_LARGE',
  /** SLA report period: `from` after `to`, or out of range. */
  INVALID_PERIOD = 'INVALID_PERIOD',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function complaintStatus(code: ComplaintExceptionCode): number {
  switch (code) {
    case ComplaintExceptionCode.COMPLAINT_NOT_FOUND:
      return 404;
    case ComplaintExceptionCode.CHANGED_DUPLICATE:
    case ComplaintExceptionCode.ILLEGAL_TRANSITION:
      return 409;
    case ComplaintExceptionCode.BATCH_TOO_LARGE:
      return 413;
    case ComplaintExceptionCode.INVALID_COMPLAINT:
    case ComplaintExceptionCode.STEP_TIME_OUT_OF_RANGE:
    case ComplaintExceptionCode.INVALID_PERIOD:
      return 422;
    default:
      return assertNever(code);
  }
}

export class ComplaintException extends AppException<ComplaintExceptionCode> {
  get status(): number {
    return complaintStatus(this.code);
  }
}
