import { AppException, assertNever } from '../../common/errors/app.exception.js';

export enum ScoringRunExceptionCode {
  RUN_NOT_FOUND = 'RUN_NOT_FOUND',
  RUN_IN_PROGRESS = 'RUN_IN_PROGRESS',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function scoringRunStatus(code: ScoringRunExceptionCode): number {
  switch (code) {
    case ScoringRunExceptionCode.RUN_NOT_FOUND:
      return 404;
    case ScoringRunExceptionCode.RUN_IN_PROGRESS:
      return 409;
    default:
      return assertNever(code);
  }
}

export class ScoringRunException extends AppException<ScoringRunExceptionCode> {
  get status(): number {
    return scoringRunStatus(this.code);
  }
}
