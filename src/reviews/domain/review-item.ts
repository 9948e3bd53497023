import type { FieldError } from '../../common/errors/problem.js';
import { readSupplierReference } from '../../suppliers/domain/supplier-reference.js';

/**
 * One review of a batch, checked field by field. Plain TypeScript: the HTTP batch endpoint and the
 * file importer run every item through `validateReviewItem`, so both accept and refuse the same.
 */
export const MAX_BATCH_ITEMS = 5000;
export const MAX_TEXT_LENGTH = 20_000;
export const MAX_TITLE_LENGTH = 500;
export const DEFAULT_SOURCE = 'platform';
/** Reviews a little ahead of our clock are tolerated: the caller's clock may run fast. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
const EARLIEST = Date.UTC(1990, 0, 1);

const KNOWN_FIELDS = new Set(['source', 'externalId', 'supplierId', 'supplierRef', 'rating', 'reviewedAt', 'title', 'text', 'productRef']);
const SOURCE = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
// Control characters other than tab, line feed and carriage return (PostgreSQL refuses NUL outright).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** A review as it is stored: every field checked and normalised. */
export interface ValidReviewItem {
  source: string;
  externalId: string;
  supplierId?: string;
  supplierRef?: string;
  rating: number;
  reviewedAt: Date;
  title: string | null;
  text: string | null;
  productRef: string | null;
}

export type ItemCheck = { ok: true; item: ValidReviewItem } | { ok: false; externalId: string | null; errors: FieldError[] };

function optionalText(value: unknown, field: string, max: number, errors: FieldError[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    errors.push({ field, message: 'must be a string' });
    return null;
  }
  if (value.length > max) errors.push({ field, message: `must be at most ${max} characters (got ${value.length})` });
  else if (CONTROL.test(value)) errors.push({ field, message: 'must not contain control characters' });
  return value.length === 0 ? null : value;
}

/** Parses an ISO-8601 timestamp (offset required when a time is given) or a bare date (00:00 UTC). */
export function parseTimestamp(value: string): Date | null {
  const m = TIMESTAMP.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, , , zone] = m;
  if (h !== undefined && zone === undefined) return null;
  const date = new Date(h === undefined ? `${y}-${mo}-${d}T00:00:00Z` : value.replace(' ', 'T'));
  if (Number.isNaN(date.getTime())) return null;
  // Reject dates JavaScript silently rolls over (2023-02-30 → March 2).
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  return date;
}

export function validateReviewItem(raw: unknown, now: number = Date.now()): ItemCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, externalId: null, errors: [{ field: '', message: 'must be an object' }] };
  }
  const r = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(r)) if (!KNOWN_FIELDS.has(key)) errors.push({ field: key, message: 'is not a known field' });

  let externalId: string | null = null;
  if (typeof r.externalId !== 'string' || r.externalId.trim().length === 0) {
    errors.push({ field: 'externalId', message: r.externalId === undefined ? 'is required' : 'must be a non-empty string' });
  } else if (r.externalId.length > 200) {
    errors.push({ field: 'externalId', message: 'must be at most 200 characters' });
  } else if (CONTROL.test(r.externalId)) {
    errors.push({ field: 'externalId', message: 'must not contain control characters' });
  } else externalId = r.externalId;

  let source = DEFAULT_SOURCE;
  if (r.source !== undefined && r.source !== null) {
    if (typeof r.source !== 'string' || !SOURCE.test(r.source)) {
      errors.push({ field: 'source', message: 'must be 1-64 lower-case letters, digits, "_", "." or "-"' });
    } else source = r.source;
  }

  const { supplierId, supplierRef } = readSupplierReference(r, errors, CONTROL);

  const rating = r.rating;
  if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) {
    errors.push({ field: 'rating', message: rating === undefined || rating === null ? 'is required' : 'must be an integer from 1 to 5' });
  }

  let reviewedAt: Date | null = null;
  if (r.reviewedAt === undefined || r.reviewedAt === null || r.reviewedAt === '') {
    errors.push({ field: 'reviewedAt', message: 'is required' });
  } else if (typeof r.reviewedAt !== 'string' || (reviewedAt = parseTimestamp(r.reviewedAt)) === null) {
    errors.push({ field: 'reviewedAt', message: 'must be an ISO-8601 timestamp with a time zone, e.g. 2026-03-01T12:00:00Z' });
  } else if (reviewedAt.getTime() > now + FUTURE_TOLERANCE_MS) {
    errors.push({ field: 'reviewedAt', message: 'must not be in the future' });
  } else if (reviewedAt.getTime() < EARLIEST) {
    errors.push({ field: 'reviewedAt', message: 'must not be before 1990-01-01' });
  }

  const title = optionalText(r.title, 'title', MAX_TITLE_LENGTH, errors);
  const text = optionalText(r.text, 'text', MAX_TEXT_LENGTH, errors);
  const productRef = optionalText(r.productRef, 'productRef', 200, errors);

  if (errors.length > 0) return { ok: false, externalId, errors };
  return {
    ok: true,
    item: {
      source,
      externalId: externalId!,
      supplierId,
      supplierRef,
      rating: rating as number,
      reviewedAt: reviewedAt!,
      title,
      text,
      productRef,
    },
  };
}

/** UTC day of an instant, YYYY-MM-DD: the roll-up bucket a review counts in. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
