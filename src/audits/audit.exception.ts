import { AppException } from '../common/errors/app.exception.js';

export enum AuditExceptionCode {
  AUDIT_NOT_FOUND = 'AUDIT_NOT_FOUND',
  SHOPPER_NOT_FOUND = 'SHOPPER_NOT_FOUND',
  ILLEGAL_AUDIT_MOVE = 'ILLEGAL_AUDIT_MOVE',
  INVALID_REPORT = 'INVALID_REPORT',
  NOT_AUDITABLE = 'NOT_AUDITABLE',
}

export class AuditException extends AppException<AuditExceptionCode> {}
