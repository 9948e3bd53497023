import { Module } from '@nestjs/common';

import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { DecisionsRepository } from './decisions.repository.js';
import { DecisionsService } from './decisions.service.js';
import { OutboxRepository } from './outbox.repository.js';
import { SupplierDecisionsController } from './supplier-decisions.controller.js';

@Module({
  imports: [SuppliersModule],
  controllers: [SupplierDecisionsController],
  providers: [DecisionsRepository, OutboxRepository, DecisionsService],
  exports: [DecisionsService, OutboxRepository],
})
export class DecisionsModule {}
