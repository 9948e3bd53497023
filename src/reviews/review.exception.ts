import { AppException } from '../common/errors/app.exception.js';

export enum ReviewExceptionCode {
  REVIEW_NOT_FOUND = 'REVIEW_NOT_FOUND',
  BATCH_TOO_LARGE = 'BATCH_TOO_LARGE',
  ALREADY_EXCLUDED = 'ALREADY_EXCLUDED',
  NOT_EXCLUDED = 'NOT_EXCLUDED',
}

export class ReviewException extends AppException<ReviewExceptionCode> {}
