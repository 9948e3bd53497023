import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../common/auth/access.decorator.js';
import { CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { ApiProblems, invalid, INVALID_ID } from '../common/http/api-problems.decorator.js';
import { EXAMPLE } from '../common/http/examples.js';
import { IdParam } from '../common/http/id.param.js';
import { CreateWebhookDto, EventPageDto, ListEventsQuery, WebhookDto, WebhookPageDto } from './dto/events.dto.js';
import { EventsException, EventsExceptionCode } from './events.exception.js';
import { EventsService } from './events.service.js';

@ApiTags('events')
@Controller('v1')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get('events')
  @Roles('admin', 'integration', 'category_manager')
  @ApiOperation({
    summary: 'Supplier events (status changes), oldest first after an id: poll with ?after=<last id>',
    description:
      "Every decision that changed a supplier's status, as an event with a stable id that increases in commit order, the oldest first. Poll with after=<the last id you processed>." +
      ' ' +
      'A category manager limited to some categories (the `categories` claim) reads only their events; ' +
      '`after` stays an event id, so its pages skip the other categories’ events and miss none of its own.',
  })
  @ApiOkResponse({ type: EventPageDto })
  @ApiProblems(invalid('after', 'must not be less than 0'))
  async list(@Query() query: ListEventsQuery, @CurrentPrincipal() principal: Principal): Promise<EventPageDto> {
    return this.events.list(principal, query.after, query.limit);
  }

  @Post('webhooks')
  @Roles('admin')
  @ApiOperation({
    summary: 'Subscribe a URL to events; deliveries are signed, retried with backoff, in order',
    description:
      "Delivers each new event to the URL as a JSON POST signed with X-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>. Any 2xx acknowledges; otherwise the delivery is retried with backoff, and one supplier's events arrive in order. The secret is never returned, and is stored encrypted (AES-256-GCM)." +
      ' The URL must be https (plain http only with WEBHOOK_ALLOW_INSECURE=true) and its host must resolve to public addresses only: loopback, private, link-local (cloud metadata), unique-local and other internal addresses are refused (422) unless WEBHOOK_ALLOW_PRIVATE=true; every delivery checks the addresses again on the connection it makes, and redirects are not followed.',
  })
  @ApiCreatedResponse({ type: WebhookDto })
  @ApiProblems(
    invalid('url', 'must be an http(s) URL'),
    new EventsException(
      EventsExceptionCode.WEBHOOK_URL_REFUSED,
      'The webhook URL is refused: it must be an https URL (plain http only with WEBHOOK_ALLOW_INSECURE=true)',
      [{ field: 'url', message: 'must be an https URL (plain http only with WEBHOOK_ALLOW_INSECURE=true)' }],
    ),
  )
  async create(@Body() body: CreateWebhookDto, @CurrentPrincipal() principal: Principal): Promise<WebhookDto> {
    return this.events.createWebhook(body.url, body.secret, body.types, principal);
  }

  @Get('webhooks')
  @Roles('admin')
  @ApiOperation({
    summary: 'Subscriptions and their delivery state (secrets are never returned)',
    description:
      'Every subscription with its event types and delivery state: events delivered, the last event acknowledged, failed attempts at the current one and the last error.',
  })
  @ApiOkResponse({ type: WebhookPageDto })
  async listWebhooks(): Promise<WebhookPageDto> {
    return { items: await this.events.listWebhooks(), nextCursor: null };
  }

  @Delete('webhooks/:id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Unsubscribe', description: 'Deletes the subscription; no further deliveries are made to its URL.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(INVALID_ID, new EventsException(EventsExceptionCode.WEBHOOK_NOT_FOUND, `Webhook ${EXAMPLE.webhookId} does not exist`))
  async remove(@Param() { id }: IdParam): Promise<void> {
    await this.events.deleteWebhook(id);
  }
}
