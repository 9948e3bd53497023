import { AppException, assertNever } from '../../common/errors/app.exception.js';

export enum HoldExceptionCode {
  INVALID_HOLD = 'INVALID_HOLD',
  NO_HOLD = 'NO_HOLD',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function holdStatus(code: HoldExceptionCode): number {
  switch (code) {
    case HoldExceptionCode.INVALID_HOLD:
      return 422;
    case HoldExceptionCode.NO_HOLD:
      return 409;
    default:
      return assertNever(code);
  }
}

/** A hold that cannot be set (422, naming holdUntil) or lifted (409: there is none). */
export class HoldException extends AppException<HoldExceptionCode> {
  get status(): number {
    return holdStatus(this.code);
  }
}
