/**
 * The CSV layout of `npm run import-complaints`: one complaint a row, the API's field names as
 * headers. `claimedAmount` and `claimedCurrency` are two columns (the API's `claimedAmount:
 * {amount, currency}`); the amount is passed on as the decimal text it is, so it is parsed
 * exactly. Empty cells are absent fields (their defaults apply: source, severity).
 */
export const COMPLAINT_CSV_COLUMNS = [
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
  'claimedCurrency',
] as const;

const REQUIRED = ['externalId', 'orderRef', 'openedAt', 'complaintCategory', 'description'];

/** Throws naming what is missing when the header is not this layout. */
export function checkComplaintHeader(headers: string[]): void {
  const missing = REQUIRED.filter((h) => !headers.includes(h));
  if (!headers.includes('supplierRef') && !headers.includes('supplierId')) missing.push('supplierRef|supplierId');
  if (missing.length > 0) {
    throw new Error(`Unrecognised CSV header. Expected columns ${COMPLAINT_CSV_COLUMNS.join(', ')}; missing: ${missing.join(', ')}`);
  }
}

function cell(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** A CSV record as the raw item the intake validates (unknown columns are ignored). */
export function complaintFromRecord(record: Record<string, string>, source: string | undefined): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const key of ['externalId', 'supplierId', 'supplierRef', 'orderRef', 'openedAt', 'complaintCategory', 'severity'] as const) {
    const v = cell(record[key]);
    if (v !== undefined) item[key] = v;
  }
  // The description keeps its own spacing and line breaks.
  if (cell(record.description) !== undefined) item.description = record.description;
  const amount = cell(record.claimedAmount);
  const currency = cell(record.claimedCurrency);
  if (amount !== undefined || currency !== undefined) item.claimedAmount = { amount, currency };
  const src = source ?? cell(record.source);
  if (src !== undefined) item.source = src;
  return item;
}
