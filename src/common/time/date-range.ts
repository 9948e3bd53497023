import { CommonException, CommonExceptionCode } from '../errors/common.exception.js';
import { resolveAsOf } from './as-of.js';
import { addDays } from './dates.js';

export interface DateRange {
  from: string;
  to: string;
}

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/**
 * An inclusive range of UTC dates read by a report or a history: each end a date the service takes
 * (2000-01-01 to today, 422 naming the field), `to` default today, `from` default `defaultDays`
 * before `to` (inclusive), never after `to` and never more than `maxDays` days long (422 naming
 * `from`): the range is said as asked or refused, never cut short in silence.
 */
export function resolveDateRange(
  from: string | undefined,
  to: string | undefined,
  limits: { defaultDays: number; maxDays: number },
  now: Date = new Date(),
): DateRange {
  const end = resolveAsOf(to, now, 'to');
  const start = from === undefined ? addDays(end, 1 - limits.defaultDays) : resolveAsOf(from, now, 'from');
  if (start > end) {
    throw new CommonException(CommonExceptionCode.DATE_OUT_OF_RANGE, `from ${start} is after to ${end}`, [
      { field: 'from', message: `must not be after to (${end})` },
    ]);
  }
  const days = dayNumber(end) - dayNumber(start) + 1;
  if (days > limits.maxDays) {
    throw new CommonException(
      CommonExceptionCode.DATE_OUT_OF_RANGE,
      `from ${start} to ${end} is ${days} days; ask for at most ${limits.maxDays} at a time`,
      [{ field: 'from', message: `must be at most ${limits.maxDays - 1} days before to (${end})` }],
    );
  }
  return { from: start, to: end };
}
