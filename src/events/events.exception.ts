import { AppException, assertNever } from '../common/errors/app.exception.js';

export enum EventsExceptionCode {
  WEBHOOK_NOT_FOUND = 'WEBHOOK_NOT_FOUND',
  /** The URL's scheme, or an address its host resolves to, is not one the service calls. */
  WEBHOOK_URL_REFUSED = 'WEBHOOK_URL_REFUSED',
}

/** The HTTP status of each code of this module: adding a code is an edit here only. */
function eventsStatus(code: EventsExceptionCode): number {
  switch (code) {
    case EventsExceptionCode.WEBHOOK_NOT_FOUND:
      return 404;
    case EventsExceptionCode.WEBHOOK_URL_REFUSED:
      return 422;
    default:
      return assertNever(code);
  }
}

export class EventsException extends AppException<EventsExceptionCode> {
  get status(): number {
    return eventsStatus(this.code);
  }
}
