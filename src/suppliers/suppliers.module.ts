import { Module } from '@nestjs/common';

import { PoliciesModule } from '../policies/policies.module.js';
import { SuppliersController } from './suppliers.controller.js';
import { SuppliersRepository } from './suppliers.repository.js';
import { SuppliersService } from './suppliers.service.js';

@Module({
  imports: [PoliciesModule],
  controllers: [SuppliersController],
  providers: [SuppliersRepository, SuppliersService],
  exports: [SuppliersRepository, SuppliersService],
})
export class SuppliersModule {}
