import { AppException, assertNever } from '../common/errors/app.exception.js';

export enum MetricsExceptionCode {
  /** METRICS_TOKEN is set and the scrape sent no `Authorization: Bearer …`. */
  METRICS_TOKEN_REQUIRED = 'METRICS_TOKEN_REQUIRED',
  /** METRICS_TOKEN is set and the scrape sent another token, or not as `Bearer <token>`. */
  METRICS_TOKEN_INVALID = 'METRICS_TOKEN_INVALID',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function metricsStatus(code: MetricsExceptionCode): number {
  switch (code) {
    case MetricsExceptionCode.METRICS_TOKEN_REQUIRED:
    case MetricsExceptionCode.METRICS_TOKEN_INVALID:
      return 401;
    default:
      return assertNever(code);
  }
}

export class MetricsException extends AppException<MetricsExceptionCode> {
  get status(): number {
    return metricsStatus(this.code);
  }
}
