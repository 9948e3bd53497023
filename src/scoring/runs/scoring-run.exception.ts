import { AppException } from '../../common/errors/app.exception.js';

export enum ScoringRunExceptionCode {
  RUN_NOT_FOUND = 'RUN_NOT_FOUND',
  RUN_IN_PROGRESS = 'RUN_IN_PROGRESS',
}

export class ScoringRunException extends AppException<ScoringRunExceptionCode> {}
