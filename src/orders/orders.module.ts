import { Module } from '@nestjs/common';

import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { OrderVolumesController } from './order-volumes.controller.js';
import { OrderVolumesRepository } from './order-volumes.repository.js';
import { OrderVolumesService } from './order-volumes.service.js';

/** Order volumes: each supplier's daily order count, the complaint rate's denominator (owns `order_volumes`). */
@Module({
  imports: [SuppliersModule],
  controllers: [OrderVolumesController],
  providers: [OrderVolumesRepository, OrderVolumesService],
  exports: [],
})
export class OrdersModule {}
