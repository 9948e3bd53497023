import { EARLIEST_AS_OF } from '../../common/time/dates.js';

const EARLIEST = Date.parse(`${EARLIEST_AS_OF}T00:00:00Z`);

/**
 * Money moves in the past: a payment or settlement time lies between 2000-01-01 and now. What is
 * wrong with `at`, or null.
 */
export function instantRefusal(at: Date, now: Date): string | null {
  if (at.getTime() < EARLIEST) return `must not be before ${EARLIEST_AS_OF}`;
  if (at.getTime() > now.getTime()) return `must not be in the future (now is ${now.toISOString()})`;
  return null;
}
