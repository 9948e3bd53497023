import type { LedgerKind } from './ledger-entry.js';
import { formatMinor } from './money.js';

/** A sum of entries of one kind and currency, in minor units; for compensation, whether it has been charged. */
export interface LedgerTotal {
  currency: string;
  minorDigits: number;
  kind: LedgerKind;
  /** COMPENSATION_PAID only: true for the compensation a RECOVERY_CHARGED entry charges. */
  charged: boolean;
  minor: bigint;
}

/** A supplier's standing in one currency, in minor units. */
export interface BalanceMinor {
  currency: string;
  minorDigits: number;
  /** Compensation the platform paid on complaints resolved with fault SUPPLIER (so charged). */
  paidOnBehalf: bigint;
  charged: bigint;
  settled: bigint;
  /** What each waived charge still owed when it was waived. */
  waived: bigint;
  /** charged − settled − waived. */
  outstanding: bigint;
}

export interface Balance {
  currency: string;
  paidOnBehalf: number;
  charged: number;
  settled: number;
  waived: number;
  outstanding: number;
}

/**
 * Folds sums per kind into one balance per currency, in bigint: exact whatever the number of
 * entries. Currencies are never mixed; they come out in code order. Compensation not charged (the
 * platform bears it) counts in no figure, though its currency is listed.
 */
export function balancesOf(totals: readonly LedgerTotal[]): BalanceMinor[] {
  const byCurrency = new Map<string, BalanceMinor>();
  for (const t of totals) {
    let b = byCurrency.get(t.currency);
    if (!b) {
      b = { currency: t.currency, minorDigits: t.minorDigits, paidOnBehalf: 0n, charged: 0n, settled: 0n, waived: 0n, outstanding: 0n };
      byCurrency.set(t.currency, b);
    }
    switch (t.kind) {
      case 'COMPENSATION_PAID':
        if (t.charged) b.paidOnBehalf += t.minor;
        break;
      case 'RECOVERY_CHARGED':
        b.charged += t.minor;
        break;
      case 'RECOVERY_SETTLED':
        b.settled += t.minor;
        break;
      case 'RECOVERY_WAIVED':
        b.waived += t.minor;
        break;
    }
  }
  return [...byCurrency.values()]
    .map((b) => ({ ...b, outstanding: b.charged - b.settled - b.waived }))
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

/** A balance in major units, as the API shows it. */
export function balanceToMajor(b: BalanceMinor): Balance {
  const major = (minor: bigint) => formatMinor(minor, b.minorDigits);
  return {
    currency: b.currency,
    paidOnBehalf: major(b.paidOnBehalf),
    charged: major(b.charged),
    settled: major(b.settled),
    waived: major(b.waived),
    outstanding: major(b.outstanding),
  };
}
