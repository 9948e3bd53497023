import { Injectable } from '@nestjs/common';

import { categoryScope, type Principal } from '../common/auth/principal.js';
import { DEFAULT_LIMIT } from '../common/pagination/page.js';
import type { EventType } from '../decisions/domain/event-types.js';
import { OutboxRepository } from '../decisions/outbox.repository.js';
import type { EventDto, WebhookDto } from './dto/events.dto.js';
import { eventFromRow, webhookFromRow } from './event.mapper.js';
import { EventsException, EventsExceptionCode } from './events.exception.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhooksRepository } from './webhooks.repository.js';

@Injectable()
export class EventsService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly webhooks: WebhooksRepository,
    private readonly sender: WebhookSender,
  ) {}

  /** Events oldest first after an id: what a polling consumer reads; a category manager, only its categories'. */
  async list(principal: Principal, after = 0, limit = DEFAULT_LIMIT): Promise<{ items: EventDto[]; nextCursor: string | null }> {
    const rows = await this.outbox.after(after, limit + 1, categoryScope(principal) ?? null);
    const items = rows.slice(0, limit).map(eventFromRow);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
  }

  /**
   * A new subscription receives the events committed from now on (GET /v1/events has the past). Its
   * URL must be https (unless WEBHOOK_ALLOW_INSECURE) and its host resolve to public addresses only
   * (unless WEBHOOK_ALLOW_PRIVATE); delivery checks the addresses again at each connection.
   */
  async createWebhook(url: string, secret: string, types: EventType[] | undefined, principal: Principal): Promise<WebhookDto> {
    const problem = await this.sender.registrationProblem(url);
    if (problem !== null) {
      throw new EventsException(EventsExceptionCode.WEBHOOK_URL_REFUSED, `The webhook URL is refused: it ${problem}`, [
        { field: 'url', message: problem },
      ]);
    }
    return webhookFromRow(await this.webhooks.insert(url, secret, types ?? null, principal.sub));
  }

  async listWebhooks(): Promise<WebhookDto[]> {
    return (await this.webhooks.listActive()).map(webhookFromRow);
  }

  async deleteWebhook(id: string): Promise<void> {
    if (!(await this.webhooks.softDelete(id))) {
      throw new EventsException(EventsExceptionCode.WEBHOOK_NOT_FOUND, `Webhook ${id} does not exist`);
    }
  }
}
