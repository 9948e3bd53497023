/** Display helpers: rates as percentages, dates and times in the reader's locale, money exact. */
export function pct(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

export function date(value: string | null | undefined): string {
  if (!value) return '—';
  return value.length === 10 ? value : value.slice(0, 10);
}

export function dateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function money(amount: number, currency: string): string {
  return `${amount.toLocaleString('en', { maximumFractionDigits: 3 })} ${currency}`;
}

export function label(code: string | null | undefined): string {
  if (!code) return '—';
  return code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
