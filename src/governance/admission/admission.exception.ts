import { AppException, assertNever } from '../../common/errors/app.exception.js';

export enum AdmissionExceptionCode {
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  COOLDOWN_RUNNING = 'COOLDOWN_RUNNING',
  NOT_AN_APPLICANT = 'NOT_AN_APPLICANT',
  OVERRIDE_NOT_POSSIBLE = 'OVERRIDE_NOT_POSSIBLE',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function admissionStatus(code: AdmissionExceptionCode): number {
  switch (code) {
    case AdmissionExceptionCode.APPLICATION_NOT_FOUND:
      return 404;
    case AdmissionExceptionCode.COOLDOWN_RUNNING:
    case AdmissionExceptionCode.NOT_AN_APPLICANT:
    case AdmissionExceptionCode.OVERRIDE_NOT_POSSIBLE:
      return 409;
    default:
      return assertNever(code);
  }
}

export class AdmissionException extends AppException<AdmissionExceptionCode> {
  get status(): number {
    return admissionStatus(this.code);
  }
}
