import { AppException } from '../common/errors/app.exception.js';

export enum SupplierExceptionCode {
  SUPPLIER_NOT_FOUND = 'SUPPLIER_NOT_FOUND',
  DUPLICATE_EXTERNAL_REF = 'DUPLICATE_EXTERNAL_REF',
  UNKNOWN_CATEGORY = 'UNKNOWN_CATEGORY',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
}

export class SupplierException extends AppException<SupplierExceptionCode> {}
