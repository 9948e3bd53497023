/* global process, console */
// Prints the ISO 4217 currencies the ledger accepts, as the `currencies` migration lists them:
// every code of ISO 4217 list one (the pinned `currency-codes` package, published 2024-06-25)
// that has a minor unit. Codes whose minor unit is "N.A." (precious metals, bond-market units,
// XDR, XSU, XUA, the test code XTS and "no currency" XXX) are no money a customer is paid in.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const codes = require('currency-codes');
const xml = readFileSync(require.resolve('currency-codes/iso-4217-list-one.xml'), 'utf8');
const noMinorUnit = new Set(
  [...xml.matchAll(/<Ccy>([A-Z]{3})<\/Ccy>\s*<CcyNbr>\d+<\/CcyNbr>\s*<CcyMnrUnts>N\.A\.<\/CcyMnrUnts>/g)].map((m) => m[1]),
);

export function acceptedCurrencies() {
  return codes.data
    .filter((c) => !noMinorUnit.has(c.code))
    .map((c) => `${c.code}:${c.digits}`)
    .sort();
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(acceptedCurrencies().join(' '));
