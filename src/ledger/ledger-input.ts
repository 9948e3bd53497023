import { instantRefusal } from './domain/instants.js';
import { parseAmount } from './domain/money.js';
import { LedgerException, LedgerExceptionCode } from './ledger.exception.js';

/** An amount in minor units of a currency with `digits` minor digits, or a 422 naming `field`. */
export function amountOrThrow(value: unknown, digits: number, field = 'amount'): bigint {
  const parsed = parseAmount(value, digits, field);
  if (parsed.ok) return parsed.minor;
  throw new LedgerException(LedgerExceptionCode.INVALID_AMOUNT, `${field} ${parsed.message}`, [{ field, message: parsed.message }]);
}

/** `at` when it lies between 2000-01-01 and `now` (and not before `notBefore`), else a 422 naming `field`. */
export function instantOrThrow(at: Date, now: Date, field: string, notBefore?: { at: Date; what: string }): Date {
  let refusal = Number.isNaN(at.getTime()) ? 'must be a real instant' : instantRefusal(at, now);
  if (refusal === null && notBefore && at.getTime() < notBefore.at.getTime()) {
    refusal = `must not be before ${notBefore.what} (${notBefore.at.toISOString()})`;
  }
  if (refusal === null) return at;
  throw new LedgerException(LedgerExceptionCode.INVALID_TIME, `${field} ${refusal}`, [{ field, message: refusal }]);
}
