import { describe, expect, it } from 'vitest';

import { ISO_4217_CURRENCIES } from '../../migrations/1764153600000-CreateLedger.js';
// @ts-expect-error: a plain script without types
import { acceptedCurrencies } from '../../scripts/iso4217-currencies.mjs';

describe('ISO 4217 currencies', () => {
  it('the migration lists what the pinned currency-codes package gives (less codes without a minor unit)', () => {
    expect(ISO_4217_CURRENCIES).toEqual(acceptedCurrencies());
  });

  it('with the minor digits the API names: 2 for CNY, USD, EUR; 0 for JPY', () => {
    const digits = new Map(ISO_4217_CURRENCIES.map((c) => c.split(':') as [string, string]));
    expect([digits.get('CNY'), digits.get('USD'), digits.get('EUR'), digits.get('JPY'), digits.get('KWD')]).toEqual([
      '2',
      '2',
      '2',
      '0',
      '3',
    ]);
    expect(digits.has('XAU')).toBe(false);
    expect(digits.has('XXX')).toBe(false);
    expect(ISO_4217_CURRENCIES.every((c) => /^[A-Z]{3}:[0-4]$/.test(c))).toBe(true);
  });
});
