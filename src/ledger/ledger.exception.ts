import { AppException, assertNever } from '../common/errors/app.exception.js';

export enum LedgerExceptionCode {
  /** An amount that is no positive amount of its currency (too many decimals, zero, negative). */
  INVALID_AMOUNT = 'INVALID_AMOUNT',
  UNKNOWN_CURRENCY = 'UNKNOWN_CURRENCY',
  /** A time of payment or settlement before 2000-01-01, in the future, or before the charge. */
  INVALID_TIME = 'INVALID_TIME',
  /** The id names no RECOVERY_CHARGED entry. */
  CHARGE_NOT_FOUND = 'CHARGE_NOT_FOUND',
  /** A settlement larger than what the charge still owes. */
  EXCEEDS_OUTSTANDING = 'EXCEEDS_OUTSTANDING',
  CHARGE_WAIVED = 'CHARGE_WAIVED',
  CHARGE_SETTLED = 'CHARGE_SETTLED',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function ledgerStatus(code: LedgerExceptionCode): number {
  switch (code) {
    case LedgerExceptionCode.CHARGE_NOT_FOUND:
      return 404;
    case LedgerExceptionCode.EXCEEDS_OUTSTANDING:
    case LedgerExceptionCode.CHARGE_WAIVED:
    case LedgerExceptionCode.CHARGE_SETTLED:
      return 409;
    case LedgerExceptionCode.INVALID_AMOUNT:
    case LedgerExceptionCode.UNKNOWN_CURRENCY:
    case LedgerExceptionCode.INVALID_TIME:
      return 422;
    default:
      return assertNever(code);
  }
}

export class LedgerException extends AppException<LedgerExceptionCode> {
  get status(): number {
    return ledgerStatus(this.code);
  }
}
