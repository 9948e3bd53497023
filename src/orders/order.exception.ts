import { AppException, assertNever } from '../common/errors/app.exception.js';

export enum OrderExceptionCode {
  BATCH_TOO_LARGE = 'BATCH_TOO_LARGE',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function orderStatus(code: OrderExceptionCode): number {
  switch (code) {
    case OrderExceptionCode.BATCH_TOO_LARGE:
      return 413;
    default:
      return assertNever(code);
  }
}

export class OrderException extends AppException<OrderExceptionCode> {
  get status(): number {
    return orderStatus(this.code);
  }
}
