/**
 * What may happen to a recovery charge (PRODUCT.md, Ledger): finance settles it, in parts if it
 * likes, never beyond what is outstanding; a manager waives it once, with a reason. A waived
 * charge takes no settlement, and a charge settled in full has nothing left to waive.
 */

/** A charge as its settlements and waiver leave it, in minor units. */
export interface ChargeState {
  amountMinor: bigint;
  settledMinor: bigint;
  waived: boolean;
}

export type ChargeRefusal = 'WAIVED' | 'EXCEEDS_OUTSTANDING' | 'SETTLED';

export function outstandingOf(charge: ChargeState): bigint {
  return charge.waived ? 0n : charge.amountMinor - charge.settledMinor;
}

/** Why a settlement of `amountMinor` is refused, or null when it may be recorded. */
export function settlementRefusal(charge: ChargeState, amountMinor: bigint): ChargeRefusal | null {
  if (charge.waived) return 'WAIVED';
  if (amountMinor > outstandingOf(charge)) return 'EXCEEDS_OUTSTANDING';
  return null;
}

/** Why a waiver is refused, or null; a waiver records what was still outstanding. */
export function waiverRefusal(charge: ChargeState): ChargeRefusal | null {
  if (charge.waived) return 'WAIVED';
  if (outstandingOf(charge) === 0n) return 'SETTLED';
  return null;
}
