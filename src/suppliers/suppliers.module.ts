import { Module } from '@nestjs/common';

import { PoliciesModule } from '../policies/policies.module.js';
import { SupplierCountsRepository } from './supplier-counts.repository.js';
import { SuppliersController } from './suppliers.controller.js';
import { SuppliersRepository } from './suppliers.repository.js';
import { SuppliersService } from './suppliers.service.js';

@Module({
  imports: [PoliciesModule],
  controllers: [SuppliersController],
  providers: [SuppliersRepository, SuppliersService, SupplierCountsRepository],
  exports: [SuppliersRepository, SuppliersService, SupplierCountsRepository],
})
export class SuppliersModule {}
