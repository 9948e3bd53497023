import { Module } from '@nestjs/common';

import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { DecisionsService } from './decisions.service.js';
import { SupplierDecisionsController } from './supplier-decisions.controller.js';

@Module({
  imports: [SuppliersModule],
  controllers: [SupplierDecisionsController],
  providers: [DecisionsService],
  exports: [DecisionsService],
})
export class DecisionsModule {}
