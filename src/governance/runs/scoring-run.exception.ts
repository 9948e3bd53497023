import { AppException, assertNever } from '../../common/errors/app.exception.js';

export enum ScoringRunExceptionCode {
  RUN_NOT_FOUND = 'RUN_NOT_FOUND',
  RUN_IN_PROGRESS = 'RUN_IN_PROGRESS',
  /** Dated before the latest succeeded run that covered the same suppliers. */
  RUN_BEFORE_SUCCEEDED_RUN = 'RUN_BEFORE_SUCCEEDED_RUN',
  CATEGORY_WITHOUT_POLICY = 'CATEGORY_WITHOUT_POLICY',
  /** A category manager's run names no category. */
  CATEGORY_REQUIRED = 'CATEGORY_REQUIRED',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function scoringRunStatus(code: ScoringRunExceptionCode): number {
  switch (code) {
    case ScoringRunExceptionCode.CATEGORY_REQUIRED:
      return 400;
    case ScoringRunExceptionCode.RUN_NOT_FOUND:
      return 404;
    case ScoringRunExceptionCode.RUN_IN_PROGRESS:
    case ScoringRunExceptionCode.RUN_BEFORE_SUCCEEDED_RUN:
      return 409;
    case ScoringRunExceptionCode.CATEGORY_WITHOUT_POLICY:
      return 422;
    default:
      return assertNever(code);
  }
}

export class ScoringRunException extends AppException<ScoringRunExceptionCode> {
  get status(): number {
    return scoringRunStatus(this.code);
  }
}
