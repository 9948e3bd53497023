import type { FieldError } from '../../common/errors/problem.js';
import { UUID_PATTERN } from '../../common/ids/uuid.js';

/** How a batch item names its supplier: by id (lower-cased) or by its external reference. */
export interface SupplierReference {
  supplierId?: string;
  supplierRef?: string;
}

/**
 * Reads an item's `supplierId` or `supplierRef` (exactly one of them), pushing what is wrong into
 * `errors`; `control` is what the caller counts as a control character in a reference. Shared by
 * the review, complaint and order-volume items.
 */
export function readSupplierReference(r: Record<string, unknown>, errors: FieldError[], control: RegExp): SupplierReference {
  const hasId = r.supplierId !== undefined && r.supplierId !== null;
  const hasRef = r.supplierRef !== undefined && r.supplierRef !== null;
  if (hasId && hasRef) errors.push({ field: 'supplierRef', message: 'give supplierId or supplierRef, not both' });
  else if (!hasId && !hasRef) errors.push({ field: 'supplierId', message: 'supplierId or supplierRef is required' });
  else if (hasId) {
    if (typeof r.supplierId !== 'string' || !UUID_PATTERN.test(r.supplierId))
      errors.push({ field: 'supplierId', message: 'must be a UUID' });
    else return { supplierId: r.supplierId.toLowerCase() };
  } else if (typeof r.supplierRef !== 'string' || r.supplierRef.length === 0 || r.supplierRef.length > 128) {
    errors.push({ field: 'supplierRef', message: 'must be a string of 1-128 characters' });
  } else if (control.test(r.supplierRef)) {
    // No supplier's externalRef holds one (POST /v1/suppliers refuses them).
    errors.push({ field: 'supplierRef', message: 'must not contain control characters' });
  } else return { supplierRef: r.supplierRef };
  return {};
}
