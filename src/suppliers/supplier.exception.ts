import { AppException, assertNever } from '../common/errors/app.exception.js';

export enum SupplierExceptionCode {
  SUPPLIER_NOT_FOUND = 'SUPPLIER_NOT_FOUND',
  DUPLICATE_EXTERNAL_REF = 'DUPLICATE_EXTERNAL_REF',
  UNKNOWN_CATEGORY = 'UNKNOWN_CATEGORY',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function supplierStatus(code: SupplierExceptionCode): number {
  switch (code) {
    case SupplierExceptionCode.SUPPLIER_NOT_FOUND:
      return 404;
    case SupplierExceptionCode.DUPLICATE_EXTERNAL_REF:
    case SupplierExceptionCode.ILLEGAL_TRANSITION:
      return 409;
    case SupplierExceptionCode.UNKNOWN_CATEGORY:
      return 422;
    default:
      return assertNever(code);
  }
}

export class SupplierException extends AppException<SupplierExceptionCode> {
  get status(): number {
    return supplierStatus(this.code);
  }
}
