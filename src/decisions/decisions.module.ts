import { Module } from '@nestjs/common';

import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { DecisionFeedController } from './decision-feed.controller.js';
import { DecisionFeedRepository } from './decision-feed.repository.js';
import { DecisionFeedService } from './decision-feed.service.js';
import { DecisionsRepository } from './decisions.repository.js';
import { DecisionsService } from './decisions.service.js';
import { OutboxRepository } from './outbox.repository.js';
import { SupplierDecisionsController } from './supplier-decisions.controller.js';

@Module({
  imports: [SuppliersModule],
  controllers: [SupplierDecisionsController, DecisionFeedController],
  providers: [DecisionsRepository, OutboxRepository, DecisionsService, DecisionFeedRepository, DecisionFeedService],
  exports: [DecisionsService, OutboxRepository, DecisionFeedService],
})
export class DecisionsModule {}
