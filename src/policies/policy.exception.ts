import { AppException, assertNever } from '../common/errors/app.exception.js';

export enum PolicyExceptionCode {
  POLICY_NOT_FOUND = 'POLICY_NOT_FOUND',
  VERSION_NOT_FOUND = 'VERSION_NOT_FOUND',
  INVALID_POLICY = 'INVALID_POLICY',
  NOTHING_TO_CHANGE = 'NOTHING_TO_CHANGE',
  INVALID_PRECONDITION = 'INVALID_PRECONDITION',
  VERSION_CHANGED = 'VERSION_CHANGED',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function policyStatus(code: PolicyExceptionCode): number {
  switch (code) {
    case PolicyExceptionCode.POLICY_NOT_FOUND:
    case PolicyExceptionCode.VERSION_NOT_FOUND:
      return 404;
    case PolicyExceptionCode.INVALID_POLICY:
    case PolicyExceptionCode.NOTHING_TO_CHANGE:
      return 422;
    case PolicyExceptionCode.INVALID_PRECONDITION:
      return 400;
    case PolicyExceptionCode.VERSION_CHANGED:
      return 412;
    default:
      return assertNever(code);
  }
}

export class PolicyException extends AppException<PolicyExceptionCode> {
  get status(): number {
    return policyStatus(this.code);
  }
}
