import { AppException, assertNever } from '../common/errors/app.exception.js';

export enum AppealExceptionCode {
  APPEAL_NOT_FOUND = 'APPEAL_NOT_FOUND',
  TARGET_NOT_FOUND = 'APPEAL_TARGET_NOT_FOUND',
  NOT_APPEALABLE = 'NOT_APPEALABLE',
  WINDOW_CLOSED = 'APPEAL_WINDOW_CLOSED',
  ALREADY_APPEALED = 'ALREADY_APPEALED',
  ALREADY_RULED = 'APPEAL_ALREADY_RULED',
  SUPERSEDED = 'APPEAL_SUPERSEDED',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function appealStatus(code: AppealExceptionCode): number {
  switch (code) {
    case AppealExceptionCode.APPEAL_NOT_FOUND:
    case AppealExceptionCode.TARGET_NOT_FOUND:
      return 404;
    case AppealExceptionCode.NOT_APPEALABLE:
      return 422;
    case AppealExceptionCode.WINDOW_CLOSED:
    case AppealExceptionCode.ALREADY_APPEALED:
    case AppealExceptionCode.ALREADY_RULED:
    case AppealExceptionCode.SUPERSEDED:
      return 409;
    default:
      return assertNever(code);
  }
}

/** An appeal that cannot be made or ruled, or is not there. */
export class AppealException extends AppException<AppealExceptionCode> {
  get status(): number {
    return appealStatus(this.code);
  }
}
