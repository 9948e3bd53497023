import { AppException } from '../common/errors/app.exception.js';

export enum AdmissionExceptionCode {
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  COOLDOWN_RUNNING = 'COOLDOWN_RUNNING',
  NOT_AN_APPLICANT = 'NOT_AN_APPLICANT',
  OVERRIDE_NOT_POSSIBLE = 'OVERRIDE_NOT_POSSIBLE',
}

export class AdmissionException extends AppException<AdmissionExceptionCode> {}
