import { describe, expect, it } from 'vitest';

import { type BalanceMinor, balancesOf, balanceToMajor, type LedgerTotal } from '../../src/ledger/domain/balances.js';
import { outstandingOf, settlementRefusal, waiverRefusal } from '../../src/ledger/domain/charge-rules.js';
import { instantRefusal } from '../../src/ledger/domain/instants.js';
import { formatMinor, formatMinorText, MAX_MINOR, parseAmount } from '../../src/ledger/domain/money.js';

const minor = (value: unknown, digits = 2) => {
  const parsed = parseAmount(value, digits);
  return parsed.ok ? parsed.minor : parsed.message;
};

describe('parseAmount', () => {
  it('reads numbers and decimal strings into minor units exactly', () => {
    expect(minor(0.1)).toBe(10n);
    expect(minor('0.1')).toBe(10n);
    expect(minor(0.07)).toBe(7n); // 0.07 * 100 is 7.000000000000001 in floating point
    expect(minor(1.15)).toBe(115n); // 1.15 * 100 is 114.99999999999999
    expect(minor(100)).toBe(10000n);
    expect(minor('100.50')).toBe(10050n);
    expect(minor('  12.3 ')).toBe(1230n);
    expect(minor('007.5')).toBe(750n);
    expect(minor(1500, 0)).toBe(1500n);
    expect(minor('1.500', 0)).toBe('must be a whole number in this currency (it has no minor unit)');
    expect(minor('1.000', 0)).toBe(1n); // trailing zeros are no extra digits
    expect(minor(0.125, 3)).toBe(125n);
  });

  it('follows exponents digit by digit', () => {
    expect(minor(1e21, 0)).toBe('must be at most 999999999999999');
    expect(minor('1.5e2')).toBe(15000n);
    expect(minor('25E-1')).toBe(250n);
    expect(minor(1e-7)).toBe('must have at most 2 decimal places in this currency');
    expect(minor('1e-2')).toBe(1n);
    expect(minor('1e400')).toBe('is out of range');
  });

  it('refuses more digits than the currency has, zero, negatives, non-numbers, and names the field', () => {
    expect(minor(12.345)).toBe('must have at most 2 decimal places in this currency');
    expect(minor(0.1 + 0.2)).toBe('must have at most 2 decimal places in this currency'); // 0.30000000000000004
    expect(minor(1.5, 0)).toBe('must be a whole number in this currency (it has no minor unit)');
    expect(minor(0)).toBe('must be greater than zero');
    expect(minor('0.00')).toBe('must be greater than zero');
    expect(minor(-0)).toBe('must be greater than zero');
    expect(minor(-5)).toBe('must be positive');
    expect(minor('-0.01')).toBe('must be positive');
    expect(minor(Number.NaN)).toBe('must be a finite number');
    expect(minor(Number.POSITIVE_INFINITY)).toBe('must be a finite number');
    expect(minor('12,50')).toBe('must be a decimal number, e.g. 12.50');
    expect(minor('.5')).toBe('must be a decimal number, e.g. 12.50');
    expect(minor('0x10')).toBe('must be a decimal number, e.g. 12.50');
    expect(minor('')).toBe('must be a decimal number, e.g. 12.50');
    expect(minor(true)).toBe('must be a number');
    expect(minor(undefined)).toBe('is required');
    expect(minor(null)).toBe('is required');
    expect(parseAmount(12.345, 2, 'claimedAmount.amount')).toEqual({
      ok: false,
      field: 'claimedAmount.amount',
      message: 'must have at most 2 decimal places in this currency',
    });
  });

  it('takes amounts up to MAX_MINOR and no further', () => {
    expect(minor('9999999999999.99')).toBe(MAX_MINOR);
    expect(minor('10000000000000.00')).toBe('must be at most 9999999999999.99');
  });
});

describe('formatMinor', () => {
  it('writes minor units back as major units exactly', () => {
    expect(formatMinorText(10n, 2)).toBe('0.10');
    expect(formatMinorText(5n, 2)).toBe('0.05');
    expect(formatMinorText(10000n, 2)).toBe('100.00');
    expect(formatMinorText(1500n, 0)).toBe('1500');
    expect(formatMinorText(1n, 3)).toBe('0.001');
    expect(formatMinorText(-250n, 2)).toBe('-2.50');
    expect(formatMinor(10n, 2)).toBe(0.1);
    expect(formatMinor(10050n, 2)).toBe(100.5);
    expect(formatMinor(MAX_MINOR, 2)).toBe(9999999999999.99);
    expect(JSON.stringify(formatMinor(MAX_MINOR, 2))).toBe('9999999999999.99');
  });

  it('round-trips every amount it is given', () => {
    for (const text of ['0.01', '0.1', '1.15', '19.99', '123456789.01', '9999999999999.99']) {
      const parsed = parseAmount(text, 2);
      expect(parsed.ok && formatMinor(parsed.minor, 2)).toBe(Number(text));
      expect(parsed.ok && minor(formatMinor(parsed.minor, 2))).toBe(parsed.ok && parsed.minor);
    }
  });
});

function total(currency: string, kind: LedgerTotal['kind'], value: bigint, charged = false, minorDigits = 2): LedgerTotal {
  return { currency, minorDigits, kind, charged, minor: value };
}

describe('balancesOf', () => {
  it('sums exactly: a thousand payments of 0.10 are 100.00', () => {
    const tenth = minor(0.1) as bigint;
    const entries = Array.from({ length: 1000 }, () => total('CNY', 'RECOVERY_CHARGED', tenth));
    const [cny] = balancesOf(entries);
    expect(cny.charged).toBe(10000n);
    expect(balanceToMajor(cny).charged).toBe(100);
    // What floating point makes of the same sum:
    expect(Array.from({ length: 1000 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(100);
  });

  it('keeps currencies apart, in code order, and outstanding = charged − settled − waived', () => {
    const balances = balancesOf([
      total('JPY', 'COMPENSATION_PAID', 5000n, true, 0),
      total('JPY', 'RECOVERY_CHARGED', 5000n, false, 0),
      total('CNY', 'COMPENSATION_PAID', 10000n, true),
      total('CNY', 'COMPENSATION_PAID', 2500n, false),
      total('CNY', 'RECOVERY_CHARGED', 10000n),
      total('CNY', 'RECOVERY_SETTLED', 3000n),
      total('CNY', 'RECOVERY_WAIVED', 1000n),
    ]);
    expect(balances.map(balanceToMajor)).toEqual([
      { currency: 'CNY', paidOnBehalf: 100, charged: 100, settled: 30, waived: 10, outstanding: 60 },
      { currency: 'JPY', paidOnBehalf: 5000, charged: 5000, settled: 0, waived: 0, outstanding: 5000 },
    ]);
  });

  it('lists a currency whose compensation the platform bore, with nothing owed', () => {
    const [eur] = balancesOf([total('EUR', 'COMPENSATION_PAID', 4200n, false)]);
    expect(eur).toEqual<BalanceMinor>({
      currency: 'EUR',
      minorDigits: 2,
      paidOnBehalf: 0n,
      charged: 0n,
      settled: 0n,
      waived: 0n,
      outstanding: 0n,
    });
  });
});

describe('charge rules', () => {
  const charge = { amountMinor: 10000n, settledMinor: 0n, waived: false };

  it('settles in parts, never beyond what is outstanding', () => {
    expect(settlementRefusal(charge, 3000n)).toBeNull();
    expect(settlementRefusal({ ...charge, settledMinor: 9000n }, 1000n)).toBeNull();
    expect(settlementRefusal({ ...charge, settledMinor: 9000n }, 1001n)).toBe('EXCEEDS_OUTSTANDING');
    expect(settlementRefusal({ ...charge, settledMinor: 10000n }, 1n)).toBe('EXCEEDS_OUTSTANDING');
    expect(outstandingOf({ ...charge, settledMinor: 9000n })).toBe(1000n);
  });

  it('a waived charge takes no settlement and no second waiver; a settled one no waiver', () => {
    expect(settlementRefusal({ ...charge, waived: true }, 1n)).toBe('WAIVED');
    expect(waiverRefusal({ ...charge, waived: true })).toBe('WAIVED');
    expect(waiverRefusal({ ...charge, settledMinor: 10000n })).toBe('SETTLED');
    expect(waiverRefusal({ ...charge, settledMinor: 4000n })).toBeNull();
    expect(outstandingOf({ ...charge, waived: true })).toBe(0n);
  });
});

describe('instantRefusal', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  it('takes instants from 2000-01-01 up to now', () => {
    expect(instantRefusal(new Date('2000-01-01T00:00:00Z'), now)).toBeNull();
    expect(instantRefusal(now, now)).toBeNull();
    expect(instantRefusal(new Date('1999-12-31T23:59:59Z'), now)).toBe('must not be before 2000-01-01');
    expect(instantRefusal(new Date(now.getTime() + 1000), now)).toMatch(/^must not be in the future/);
  });
});
