import { AppException, assertNever } from '../errors/app.exception.js';

export enum LimitsExceptionCode {
  /** A principal (JWT subject and role) has used its request budget for the window. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** An address has sent too many requests whose bearer token was refused (401s). */
  TOO_MANY_FAILED_SIGN_INS = 'TOO_MANY_FAILED_SIGN_INS',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function limitsStatus(code: LimitsExceptionCode): number {
  switch (code) {
    case LimitsExceptionCode.RATE_LIMITED:
    case LimitsExceptionCode.TOO_MANY_FAILED_SIGN_INS:
      return 429;
    default:
      return assertNever(code);
  }
}

/** A refusal for being over a budget; `retryAfterSeconds` goes out as `Retry-After`. */
export class LimitsException extends AppException<LimitsExceptionCode> {
  constructor(
    code: LimitsExceptionCode,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }

  get status(): number {
    return limitsStatus(this.code);
  }
}

/** The principal's budget is spent: how many per how long, and when to come back. */
export function principalOverBudget(limit: number, windowSeconds: number, retryAfterSeconds: number): LimitsException {
  return new LimitsException(
    LimitsExceptionCode.RATE_LIMITED,
    `This principal has used its request budget (${limit} requests per ${windowSeconds} s); retry after ${retryAfterSeconds} s`,
    retryAfterSeconds,
  );
}

/** The address has had too many bearer tokens refused: only a valid token gets through until the window ends. */
export function addressOverFailedSignIns(limit: number, windowSeconds: number, retryAfterSeconds: number): LimitsException {
  return new LimitsException(
    LimitsExceptionCode.TOO_MANY_FAILED_SIGN_INS,
    `Too many requests with a missing or refused bearer token from this address (${limit} per ${windowSeconds} s); ` +
      `retry after ${retryAfterSeconds} s, with a valid token`,
    retryAfterSeconds,
  );
}
