import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { asOfRangeRefusal, todayUtc } from './dates.js';

/**
 * The as-of date of a read or a write: the one given (a real calendar date, the DTO checked that)
 * or today (UTC). A date before 2000-01-01 or after today is refused with 422 naming the field.
 */
export function resolveAsOf(asOf: string | undefined, now: Date = new Date(), field = 'asOf'): string {
  const today = todayUtc(now);
  if (asOf === undefined) return today;
  const refusal = asOfRangeRefusal(asOf, today);
  if (refusal !== null) {
    throw new CommonException(CommonExceptionCode.DATE_OUT_OF_RANGE, `${field} ${asOf} ${refusal.replace(/^must not be/, 'is')}`, [
      { field, message: refusal },
    ]);
  }
  return asOf;
}
