import { AppException } from '../common/errors/app.exception.js';

export enum EventsExceptionCode {
  WEBHOOK_NOT_FOUND = 'WEBHOOK_NOT_FOUND',
}

export class EventsException extends AppException<EventsExceptionCode> {}
