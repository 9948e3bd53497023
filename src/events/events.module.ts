import { Module } from '@nestjs/common';

import { EventsController } from './events.controller.js';
import { EventsService } from './events.service.js';
import { WebhookDispatcher } from './webhook-dispatcher.service.js';

@Module({
  controllers: [EventsController],
  providers: [EventsService, WebhookDispatcher],
  exports: [WebhookDispatcher],
})
export class EventsModule {}
