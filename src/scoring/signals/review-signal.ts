import type { EntityManager } from 'typeorm';

import type { WindowCounts } from '../domain/evaluation.js';

/**
 * The port through which scoring reads the review signal: counts of reviews and positives per
 * supplier over windows ending at a date. Implemented by the reviews module from its daily
 * roll-ups (`WindowCountsRepository`); a second signal (complaints, order volumes) is a second
 * port of the same kind, so runs, scorecards and simulations never learn where counts come from.
 * `manager` runs the read in the caller's transaction.
 */
export interface ReviewSignal {
  /** For each supplier and window length: reviews and positives in [asOf − days, asOf); zeros when none. */
  countWindows(
    supplierIds: string[],
    asOf: string,
    windows: number[],
    positiveMinRating: number,
    manager?: EntityManager,
  ): Promise<Map<string, Map<number, WindowCounts>>>;
  /** Reviews and positives in [asOf − fromDays, asOf − toDays); suppliers without any are left out. */
  countRange(
    supplierIds: string[],
    asOf: string,
    fromDays: number,
    toDays: number,
    positiveMinRating: number,
    manager?: EntityManager,
  ): Promise<Map<string, WindowCounts>>;
}

/** The injection token of the review signal. */
export const REVIEW_SIGNAL = Symbol('ReviewSignal');
