import { AppException, assertNever } from '../common/errors/app.exception.js';

export enum EventsExceptionCode {
  WEBHOOK_NOT_FOUND = 'WEBHOOK_NOT_FOUND',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function eventsStatus(code: EventsExceptionCode): number {
  switch (code) {
    case EventsExceptionCode.WEBHOOK_NOT_FOUND:
      return 404;
    default:
      return assertNever(code);
  }
}

export class EventsException extends AppException<EventsExceptionCode> {
  get status(): number {
    return eventsStatus(this.code);
  }
}
