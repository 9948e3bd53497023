/** Today's date in UTC, YYYY-MM-DD: the as-of date of anything decided now. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The earliest as-of date the service takes (PRODUCT.md, "Dates move forward"). */
export const EARLIEST_AS_OF = '2000-01-01';

/**
 * "Dates move forward": an as-of date lies between EARLIEST_AS_OF and today (UTC). Nothing is
 * decided ahead of time, and nothing is read ahead of it either: a scorecard "as of next year"
 * would only show the reviews that happen to be stored today. What is wrong, or null.
 */
export function asOfRangeRefusal(asOf: string, today: string): string | null {
  if (asOf < EARLIEST_AS_OF) return `must not be before ${EARLIEST_AS_OF}`;
  if (asOf > today) return `must not be after today (${today}, UTC)`;
  return null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why a string shaped YYYY-MM-DD names no calendar day (`2017-02-30`: "February 2017 has 28
 * days"), or null when it names one or is not shaped so.
 */
export function noSuchDateReason(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${match[1]} has ${days} days`;
  return null;
}
