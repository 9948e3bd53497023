/**
 * Money in the ledger is an integer count of the currency's minor unit (fen, cent; yen has none),
 * never a float: amounts come in as JSON numbers or decimal strings and are read digit by digit.
 * `0.1` CNY is 10 fen exactly, and a thousand of them sum to 100.00 exactly.
 */

/** The largest amount taken, in minor units: 15 significant digits, so every amount survives a JSON number both ways. */
export const MAX_MINOR = 999_999_999_999_999n;

export type MoneyParse = { ok: true; minor: bigint } | { ok: false; field: string; message: string };

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Reads an amount of a currency with `digits` minor digits into minor units, exactly: the decimal
 * text of the number (as JavaScript prints it, or as sent), the point moved by its exponent, every
 * digit kept. More digits than the currency has, zero, a negative, a non-number or an amount past
 * MAX_MINOR is a violation naming `field`.
 */
export function parseAmount(value: unknown, digits: number, field = 'amount'): MoneyParse {
  const refuse = (message: string): MoneyParse => ({ ok: false, field, message });
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return refuse('must be a finite number');
    text = String(value);
  } else if (typeof value === 'string') text = value.trim();
  else return refuse(value === undefined || value === null ? 'is required' : 'must be a number');
  if (text.startsWith('-')) return refuse('must be positive');
  const m = DECIMAL.exec(text.startsWith('+') ? text.slice(1) : text);
  if (!m) return refuse('must be a decimal number, e.g. 12.50');
  const exponent = m[3] === undefined ? 0 : Number(m[3]);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 40) return refuse('is out of range');
  // All digits, and where the point stands among them once the exponent has moved it.
  const all = m[1] + (m[2] ?? '');
  const point = m[1].length + exponent;
  const whole = point <= 0 ? '0' : all.slice(0, point).padEnd(point, '0');
  const fraction = (point < 0 ? '0'.repeat(-point) + all : all.slice(Math.max(point, 0))).replace(/0+$/, '');
  if (fraction.length > digits) {
    return refuse(
      digits === 0
        ? 'must be a whole number in this currency (it has no minor unit)'
        : `must have at most ${digits} decimal places in this currency`,
    );
  }
  const minor = BigInt(whole + fraction.padEnd(digits, '0'));
  if (minor === 0n) return refuse('must be greater than zero');
  if (minor > MAX_MINOR) return refuse(`must be at most ${formatMinorText(MAX_MINOR, digits)}`);
  return { ok: true, minor };
}

/** Minor units as decimal text in major units: 10n fen → "0.10", 1500n yen → "1500". */
export function formatMinorText(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const major = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative ? `-${major}` : major;
}

/**
 * Minor units as a JSON number in major units. Exact for every amount up to MAX_MINOR: the decimal
 * text has at most 15 significant digits, which a double keeps and prints back unchanged.
 */
export function formatMinor(minor: bigint, digits: number): number {
  return Number(formatMinorText(minor, digits));
}
