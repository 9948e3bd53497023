/**
 * The amount a customer claims, checked exactly in the currency's minor unit. Until the ledger's
 * `money.ts` lands this is the complaints module's own check, with the same rules: a JSON number
 * or a decimal string, no more fraction digits than the currency has, positive; the currency an
 * ISO 4217 code the service knows.
 */
const MINOR_DIGITS: Record<string, number> = { CNY: 2, USD: 2, EUR: 2, GBP: 2, HKD: 2, JPY: 0, KRW: 0 };
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

export type AmountCheck = { ok: true; minor: bigint; currency: string } | { ok: false; field: 'amount' | 'currency'; message: string };

/** Exact minor units of a decimal written as a string or a JSON number (`0.1` CNY → 10n). */
export function toMinorUnits(amount: unknown, minorDigits: number): { ok: true; minor: bigint } | { ok: false; message: string } {
  let text: string;
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) return { ok: false, message: 'must be a finite number' };
    text = String(amount);
  } else if (typeof amount === 'string') text = amount.trim();
  else return { ok: false, message: 'must be a number' };
  if (text.startsWith('-')) return { ok: false, message: 'must be greater than zero' };
  const m = DECIMAL.exec(text);
  if (!m) return { ok: false, message: 'must be a decimal number such as 120.50' };
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > minorDigits) return { ok: false, message: `must have at most ${minorDigits} decimal places in this currency` };
  const minor = BigInt(m[1] + fraction.padEnd(minorDigits, '0'));
  if (minor === 0n) return { ok: false, message: 'must be greater than zero' };
  return { ok: true, minor };
}

export function checkClaimedAmount(amount: unknown, currency: unknown): AmountCheck {
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) {
    return { ok: false, field: 'currency', message: 'must be an ISO 4217 code such as CNY' };
  }
  const digits = MINOR_DIGITS[currency];
  if (digits === undefined) return { ok: false, field: 'currency', message: `is not a currency this service knows` };
  const parsed = toMinorUnits(amount, digits);
  return parsed.ok ? { ok: true, minor: parsed.minor, currency } : { ok: false, field: 'amount', message: parsed.message };
}

/** Minor units back to a JSON number in major units, exactly (amounts are far below 2^53 minor units). */
export function toMajorUnits(minor: bigint, currency: string): number {
  const digits = MINOR_DIGITS[currency] ?? 2;
  if (digits === 0) return Number(minor);
  const text = minor.toString().padStart(digits + 1, '0');
  return Number(`${text.slice(0, -digits)}.${text.slice(-digits)}`);
}
