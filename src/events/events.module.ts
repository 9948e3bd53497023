import { Module } from '@nestjs/common';

import { DecisionsModule } from '../decisions/decisions.module.js';
import { AmqpPublicationsRepository } from './amqp-publications.repository.js';
import { AmqpPublisher } from './amqp-publisher.service.js';
import { EventsController } from './events.controller.js';
import { EventsService } from './events.service.js';
import { OutboxLagMetrics } from './outbox-lag.metrics.js';
import { WebhookDispatcher } from './webhook-dispatcher.service.js';
import { WebhookSender } from './webhook-sender.js';
import { WebhooksRepository } from './webhooks.repository.js';

@Module({
  controllers: [EventsController],
  imports: [DecisionsModule],
  providers: [
    WebhooksRepository,
    WebhookSender,
    EventsService,
    WebhookDispatcher,
    OutboxLagMetrics,
    AmqpPublicationsRepository,
    AmqpPublisher,
  ],
  exports: [WebhookDispatcher, AmqpPublisher],
})
export class EventsModule {}
