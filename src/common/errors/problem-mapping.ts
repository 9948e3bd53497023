import { AdmissionException, AdmissionExceptionCode } from '../../admission/admission.exception.js';
import { AuditException, AuditExceptionCode } from '../../audits/audit.exception.js';
import { EventsException, EventsExceptionCode } from '../../events/events.exception.js';
import { PolicyException, PolicyExceptionCode } from '../../policies/policy.exception.js';
import { ReviewException, ReviewExceptionCode } from '../../reviews/review.exception.js';
import { ScoringRunException, ScoringRunExceptionCode } from '../../scoring/runs/scoring-run.exception.js';
import { SupplierException, SupplierExceptionCode } from '../../suppliers/supplier.exception.js';
import { AuthException, AuthExceptionCode } from '../auth/auth.exception.js';
import { type AppException, assertNever } from './app.exception.js';
import { CommonException, CommonExceptionCode } from './common.exception.js';

function commonStatus(code: CommonExceptionCode): number {
  switch (code) {
    case CommonExceptionCode.VALIDATION_FAILED:
    case CommonExceptionCode.MALFORMED_BODY:
    case CommonExceptionCode.INVALID_CURSOR:
      return 400;
    case CommonExceptionCode.ROUTE_NOT_FOUND:
      return 404;
    case CommonExceptionCode.PAYLOAD_TOO_LARGE:
      return 413;
    case CommonExceptionCode.UNSUPPORTED_MEDIA_TYPE:
      return 415;
    case CommonExceptionCode.DATABASE_UNAVAILABLE:
      return 503;
    default:
      return assertNever(code);
  }
}

function authStatus(code: AuthExceptionCode): number {
  switch (code) {
    case AuthExceptionCode.MISSING_TOKEN:
    case AuthExceptionCode.INVALID_TOKEN:
      return 401;
    case AuthExceptionCode.ROLE_NOT_ALLOWED:
    case AuthExceptionCode.CATEGORY_NOT_ALLOWED:
    case AuthExceptionCode.UNDECLARED_ACCESS:
      return 403;
    default:
      return assertNever(code);
  }
}

function policyStatus(code: PolicyExceptionCode): number {
  switch (code) {
    case PolicyExceptionCode.POLICY_NOT_FOUND:
      return 404;
    case PolicyExceptionCode.INVALID_POLICY:
      return 422;
    default:
      return assertNever(code);
  }
}

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

function reviewStatus(code: ReviewExceptionCode): number {
  switch (code) {
    case ReviewExceptionCode.REVIEW_NOT_FOUND:
      return 404;
    case ReviewExceptionCode.ALREADY_EXCLUDED:
    case ReviewExceptionCode.NOT_EXCLUDED:
      return 409;
    case ReviewExceptionCode.BATCH_TOO_LARGE:
      return 413;
    default:
      return assertNever(code);
  }
}

function admissionStatus(code: AdmissionExceptionCode): number {
  switch (code) {
    case AdmissionExceptionCode.APPLICATION_NOT_FOUND:
      return 404;
    case AdmissionExceptionCode.COOLDOWN_RUNNING:
    case AdmissionExceptionCode.NOT_AN_APPLICANT:
    case AdmissionExceptionCode.OVERRIDE_NOT_POSSIBLE:
      return 409;
    default:
      return assertNever(code);
  }
}

function scoringRunStatus(code: ScoringRunExceptionCode): number {
  switch (code) {
    case ScoringRunExceptionCode.RUN_NOT_FOUND:
      return 404;
    case ScoringRunExceptionCode.RUN_IN_PROGRESS:
      return 409;
    default:
      return assertNever(code);
  }
}

function eventsStatus(code: EventsExceptionCode): number {
  switch (code) {
    case EventsExceptionCode.WEBHOOK_NOT_FOUND:
      return 404;
    default:
      return assertNever(code);
  }
}

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

/** The HTTP status of every typed error, decided here and nowhere else. */
export function statusOf(error: AppException): number {
  if (error instanceof CommonException) return commonStatus(error.code);
  if (error instanceof AuthException) return authStatus(error.code);
  if (error instanceof PolicyException) return policyStatus(error.code);
  if (error instanceof SupplierException) return supplierStatus(error.code);
  if (error instanceof ReviewException) return reviewStatus(error.code);
  if (error instanceof AdmissionException) return admissionStatus(error.code);
  if (error instanceof ScoringRunException) return scoringRunStatus(error.code);
  if (error instanceof EventsException) return eventsStatus(error.code);
  if (error instanceof AuditException) return auditStatus(error.code);
  return 500;
}
