import { createHash } from 'node:crypto';

/**
 * Turns CSV records into raw review items for the same validation as the API. Two layouts:
 * - the plain one, with the API's field names as headers (externalId, supplierRef, rating, ...);
 * - the Datafiniti hotel-reviews layout (reviews.rating, reviews.date, name, address, city, ...),
 *   where the hotel is name + address + city and a row without reviews.id gets `row-<line>`.
 */
export type CsvLayout = 'plain' | 'datafiniti';

export interface SupplierSeed {
  externalRef: string;
  name: string;
  city?: string;
}

export interface MappedRecord {
  item: Record<string, unknown>;
  supplier?: SupplierSeed;
}

export function detectLayout(headers: string[]): CsvLayout {
  if (headers.includes('reviews.rating') && headers.includes('name')) return 'datafiniti';
  const required = ['externalId', 'rating', 'reviewedAt'];
  const missing = required.filter((h) => !headers.includes(h));
  if (missing.length > 0 || !(headers.includes('supplierRef') || headers.includes('supplierId'))) {
    throw new Error(
      `Unrecognised CSV header. Expected the Datafiniti layout (name, address, city, reviews.rating, reviews.date, ...) ` +
        `or columns externalId, supplierRef|supplierId, rating, reviewedAt[, title, text, productRef, source]; missing: ${missing.join(', ') || 'supplierRef'}`,
    );
  }
  return 'plain';
}

/** A CSV rating cell as a number when it is one ("4" → 4, "4.1" → 4.1); otherwise kept for the validator to refuse. */
export function ratingCell(value: string | undefined): unknown {
  const v = value?.trim() ?? '';
  if (v === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

function cell(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 40);
}

/** A stable supplier reference for a hotel: readable, and unique for name + address + city. */
export function hotelRef(name: string, address: string, city: string): string {
  const digest = createHash('sha256').update(`${name}\u0000${address}\u0000${city}`).digest('hex').slice(0, 10);
  return `hotel-${slug(name)}-${slug(city)}-${digest}`;
}

export function mapRecord(layout: CsvLayout, record: Record<string, string>, line: number, source: string | undefined): MappedRecord {
  if (layout === 'plain') {
    const item: Record<string, unknown> = {
      externalId: cell(record.externalId),
      rating: ratingCell(record.rating),
      reviewedAt: cell(record.reviewedAt),
    };
    if (cell(record.supplierRef)) item.supplierRef = cell(record.supplierRef);
    if (cell(record.supplierId)) item.supplierId = cell(record.supplierId);
    for (const key of ['title', 'text', 'productRef'] as const) if (cell(record[key])) item[key] = record[key];
    const src = source ?? cell(record.source);
    if (src) item.source = src;
    return { item };
  }
  const name = cell(record.name) ?? '';
  const address = cell(record.address) ?? '';
  const city = cell(record.city) ?? '';
  const externalRef = hotelRef(name, address, city);
  const item: Record<string, unknown> = {
    source: source ?? 'datafiniti',
    externalId: cell(record['reviews.id']) ?? `row-${line}`,
    supplierRef: externalRef,
    rating: ratingCell(record['reviews.rating']),
    reviewedAt: cell(record['reviews.date']),
  };
  if (cell(record['reviews.title'])) item.title = record['reviews.title'];
  if (cell(record['reviews.text'])) item.text = record['reviews.text'];
  return { item, supplier: name ? { externalRef, name, city: city || undefined } : undefined };
}
