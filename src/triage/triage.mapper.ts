import type { CsvColumn } from '../common/http/csv.js';
import { supplierFromRow, supplierToResponse } from '../suppliers/supplier.mapper.js';
import type { SupplierListingDto } from './dto/supplier-listing.dto.js';
import type { SupplierListingRow } from './supplier-search.repository.js';

export function listingFromRow(r: SupplierListingRow): SupplierListingDto {
  return {
    ...supplierToResponse(supplierFromRow(r)),
    rate: r.rate,
    rateAsOf: r.rate_as_of,
    windowDays: r.window_days,
    wouldDecide: r.risk,
    atRisk: r.risk !== null,
  };
}

/** The supplier search as CSV: the JSON item's fields, in its order (themes joined by "|"). */
export const SUPPLIER_CSV: ReadonlyArray<CsvColumn<SupplierListingDto>> = [
  { header: 'id', value: (s) => s.id },
  { header: 'externalRef', value: (s) => s.externalRef },
  { header: 'name', value: (s) => s.name },
  { header: 'category', value: (s) => s.category },
  { header: 'city', value: (s) => s.city },
  { header: 'themes', value: (s) => s.themes.join('|') },
  { header: 'status', value: (s) => s.status },
  { header: 'tier', value: (s) => s.tier },
  { header: 'probationEndsAt', value: (s) => s.probationEndsAt },
  { header: 'holdUntil', value: (s) => s.holdUntil },
  { header: 'auditFailedOn', value: (s) => s.auditFailedOn },
  { header: 'rate', value: (s) => s.rate },
  { header: 'rateAsOf', value: (s) => s.rateAsOf },
  { header: 'windowDays', value: (s) => s.windowDays },
  { header: 'wouldDecide', value: (s) => s.wouldDecide },
  { header: 'atRisk', value: (s) => s.atRisk },
  { header: 'createdAt', value: (s) => s.createdAt },
  { header: 'updatedAt', value: (s) => s.updatedAt },
];
