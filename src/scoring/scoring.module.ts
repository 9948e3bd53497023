import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { ScorecardController } from './scorecard.controller.js';
import { ScorecardService } from './scorecard.service.js';
import { WindowCountsRepository } from './window-counts.repository.js';

@Module({
  imports: [PoliciesModule, SuppliersModule],
  controllers: [ScorecardController],
  providers: [ScorecardService, WindowCountsRepository],
  exports: [ScorecardService, WindowCountsRepository],
})
export class ScoringModule {}
