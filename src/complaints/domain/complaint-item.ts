import type { FieldError } from '../../common/errors/problem.js';
import { parseAmount } from '../../ledger/domain/money.js';
import { FUTURE_TOLERANCE_MS, parseTimestamp } from '../../reviews/domain/review-item.js';
import { readSupplierReference } from '../../suppliers/domain/supplier-reference.js';
import { COMPLAINT_CATEGORIES, type ComplaintCategory, SEVERITIES, type Severity } from './complaint.js';

/**
 * One complaint of an intake, checked field by field. Plain TypeScript: POST /v1/complaints, the
 * batch endpoint and the CSV importer run every item through `validateComplaintItem`, so all
 * three accept and refuse the same.
 */
export const MAX_COMPLAINT_BATCH = 1000;
export const MAX_DESCRIPTION_LENGTH = 10_000;
export const MAX_REF_LENGTH = 200;
export const DEFAULT_COMPLAINT_SOURCE = 'service-desk';
/** The earliest instant the service takes (PRODUCT.md, "Dates move forward"). */
export const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);

export const COMPLAINT_FIELDS = [
  'source',
  'externalId',
  'supplierId',
  'supplierRef',
  'orderRef',
  'openedAt',
  'complaintCategory',
  'severity',
  'description',
  'claimedAmount',
] as const;
const KNOWN_FIELDS = new Set<string>(COMPLAINT_FIELDS);
const SOURCE = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
// Control characters other than tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
// Reference-like fields hold no control character at all.
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f]/;

/** A complaint as it is stored: every field checked and normalised. */
export interface ValidComplaintItem {
  source: string;
  externalId: string;
  supplierId?: string;
  supplierRef?: string;
  orderRef: string;
  openedAt: Date;
  complaintCategory: ComplaintCategory;
  severity: Severity;
  description: string;
  claimedMinor: bigint | null;
  claimedCurrency: string | null;
}

/**
 * `status` says how a single intake answers the refusal: 400 when the item is not of the
 * contract's shape, 422 when it is but a value breaks a rule (a date out of range, an amount with
 * too many decimals or an unknown currency).
 */
export type ComplaintItemCheck =
  { ok: true; item: ValidComplaintItem } | { ok: false; externalId: string | null; errors: FieldError[]; status: 400 | 422 };

/**
 * Why an instant given for a complaint (its opening or a step) is refused, or null: a timestamp
 * with a time zone, not before 2000-01-01, not in the future (a caller's clock may run a few
 * minutes fast: FUTURE_TOLERANCE_MS, as for reviews).
 */
export type InstantCheck = { kind: 'shape'; message: string } | { kind: 'range'; message: string } | { kind: 'ok'; at: Date };

export function instantRefusal(value: unknown, now: number): InstantCheck {
  const at = typeof value === 'string' ? parseTimestamp(value) : null;
  if (at === null) return { kind: 'shape', message: 'must be an ISO-8601 timestamp with a time zone, e.g. 2026-11-24T08:15:00Z' };
  if (at.getTime() > now + FUTURE_TOLERANCE_MS) return { kind: 'range', message: 'must not be in the future' };
  if (at.getTime() < EARLIEST_INSTANT) return { kind: 'range', message: 'must not be before 2000-01-01' };
  return { kind: 'ok', at };
}

function reference(r: Record<string, unknown>, field: string, errors: FieldError[], required = true): string | undefined {
  const value = r[field];
  if (value === undefined || value === null) {
    if (required) errors.push({ field, message: 'is required' });
    return undefined;
  }
  if (typeof value !== 'string' || value.trim().length === 0) errors.push({ field, message: 'must be a non-empty string' });
  else if (value.length > MAX_REF_LENGTH) errors.push({ field, message: `must be at most ${MAX_REF_LENGTH} characters` });
  else if (ANY_CONTROL.test(value)) errors.push({ field, message: 'must not contain control characters' });
  else return value;
  return undefined;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, errors: FieldError[], fallback?: T): T | undefined {
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (value === undefined || value === null) errors.push({ field, message: 'is required' });
  else if (typeof value !== 'string' || !allowed.includes(value as T))
    errors.push({ field, message: `must be one of ${allowed.join(', ')}` });
  else return value as T;
  return undefined;
}

/** The minor digits of an ISO 4217 currency the ledger takes, or undefined for a code it does not know. */
export type CurrencyDigits = (code: string) => number | undefined;

/** The claim in minor units, exactly (the ledger's `parseAmount`); an unknown currency or too many decimals break a rule (422). */
function claimed(
  value: unknown,
  digitsOf: CurrencyDigits,
  errors: FieldError[],
  rules: FieldError[],
): { minor: bigint; currency: string } | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push({ field: 'claimedAmount', message: 'must be an object {amount, currency}' });
    return null;
  }
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v))
    if (key !== 'amount' && key !== 'currency') errors.push({ field: `claimedAmount.${key}`, message: 'is not a known field' });
  if (v.amount === undefined || v.amount === null) errors.push({ field: 'claimedAmount.amount', message: 'is required' });
  else if (typeof v.amount !== 'number' && typeof v.amount !== 'string')
    errors.push({ field: 'claimedAmount.amount', message: 'must be a number' });
  if (v.currency === undefined || v.currency === null) errors.push({ field: 'claimedAmount.currency', message: 'is required' });
  else if (typeof v.currency !== 'string') errors.push({ field: 'claimedAmount.currency', message: 'must be a string' });
  if (errors.some((e) => e.field.startsWith('claimedAmount'))) return null;
  const currency = v.currency as string;
  const digits = digitsOf(currency);
  if (digits === undefined) {
    rules.push({ field: 'claimedAmount.currency', message: 'must be an ISO 4217 currency code in upper case, e.g. CNY, USD, EUR, JPY' });
    return null;
  }
  const parsed = parseAmount(v.amount, digits, 'claimedAmount.amount');
  if (!parsed.ok) {
    rules.push({ field: parsed.field, message: parsed.message });
    return null;
  }
  return { minor: parsed.minor, currency };
}

/** Checks one complaint; `digitsOf` answers for the currencies of the ledger (`Currencies`). */
export function validateComplaintItem(raw: unknown, digitsOf: CurrencyDigits, now: number = Date.now()): ComplaintItemCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, externalId: null, errors: [{ field: '', message: 'must be an object' }], status: 400 };
  }
  const r = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  const rules: FieldError[] = [];
  for (const key of Object.keys(r)) if (!KNOWN_FIELDS.has(key)) errors.push({ field: key, message: 'is not a known field' });

  const externalId = reference(r, 'externalId', errors) ?? null;
  let source = DEFAULT_COMPLAINT_SOURCE;
  if (r.source !== undefined && r.source !== null) {
    if (typeof r.source !== 'string' || !SOURCE.test(r.source)) {
      errors.push({ field: 'source', message: 'must be 1-64 lower-case letters, digits, "_", "." or "-"' });
    } else source = r.source;
  }
  const who = readSupplierReference(r, errors, ANY_CONTROL);
  const orderRef = reference(r, 'orderRef', errors);

  let openedAt: Date | undefined;
  if (r.openedAt === undefined || r.openedAt === null || r.openedAt === '') errors.push({ field: 'openedAt', message: 'is required' });
  else {
    const check = instantRefusal(r.openedAt, now);
    if (check.kind === 'ok') openedAt = check.at;
    else (check.kind === 'range' ? rules : errors).push({ field: 'openedAt', message: check.message });
  }

  const complaintCategory = oneOf(r.complaintCategory, COMPLAINT_CATEGORIES, 'complaintCategory', errors);
  const severity = oneOf(r.severity, SEVERITIES, 'severity', errors, 'MEDIUM');

  let description: string | undefined;
  if (r.description === undefined || r.description === null) errors.push({ field: 'description', message: 'is required' });
  else if (typeof r.description !== 'string' || r.description.trim().length === 0)
    errors.push({ field: 'description', message: 'must be a non-empty string' });
  else if (r.description.length > MAX_DESCRIPTION_LENGTH)
    errors.push({ field: 'description', message: `must be at most ${MAX_DESCRIPTION_LENGTH} characters (got ${r.description.length})` });
  else if (CONTROL.test(r.description)) errors.push({ field: 'description', message: 'must not contain control characters' });
  else description = r.description;

  const amount = claimed(r.claimedAmount, digitsOf, errors, rules);

  if (errors.length > 0 || rules.length > 0) {
    return { ok: false, externalId, errors: [...errors, ...rules], status: errors.length > 0 ? 400 : 422 };
  }
  return {
    ok: true,
    item: {
      source,
      externalId: externalId!,
      ...who,
      orderRef: orderRef!,
      openedAt: openedAt!,
      complaintCategory: complaintCategory!,
      severity: severity!,
      description: description!,
      claimedMinor: amount?.minor ?? null,
      claimedCurrency: amount?.currency ?? null,
    },
  };
}
