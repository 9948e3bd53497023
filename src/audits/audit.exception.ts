import { AppException, assertNever } from '../common/errors/app.exception.js';

export enum AuditExceptionCode {
  AUDIT_NOT_FOUND = 'AUDIT_NOT_FOUND',
  SHOPPER_NOT_FOUND = 'SHOPPER_NOT_FOUND',
  ILLEGAL_AUDIT_MOVE = 'ILLEGAL_AUDIT_MOVE',
  INVALID_REPORT = 'INVALID_REPORT',
  NOT_AUDITABLE = 'NOT_AUDITABLE',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function auditStatus(code: AuditExceptionCode): number {
  switch (code) {
    case AuditExceptionCode.AUDIT_NOT_FOUND:
    case AuditExceptionCode.SHOPPER_NOT_FOUND:
      return 404;
    case AuditExceptionCode.ILLEGAL_AUDIT_MOVE:
    case AuditExceptionCode.NOT_AUDITABLE:
      return 409;
    case AuditExceptionCode.INVALID_REPORT:
      return 422;
    default:
      return assertNever(code);
  }
}

export class AuditException extends AppException<AuditExceptionCode> {
  get status(): number {
    return auditStatus(this.code);
  }
}
