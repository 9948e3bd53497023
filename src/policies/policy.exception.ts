import { AppException } from '../common/errors/app.exception.js';

export enum PolicyExceptionCode {
  POLICY_NOT_FOUND = 'POLICY_NOT_FOUND',
  INVALID_POLICY = 'INVALID_POLICY',
}

export class PolicyException extends AppException<PolicyExceptionCode> {}
