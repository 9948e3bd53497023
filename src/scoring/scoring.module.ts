import { Module } from '@nestjs/common';

import { DecisionsModule } from '../decisions/decisions.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { ScoringRunsController } from './runs/scoring-runs.controller.js';
import { ScoringRunsService } from './runs/scoring-runs.service.js';
import { ScorecardController } from './scorecard.controller.js';
import { ScorecardService } from './scorecard.service.js';
import { SimulationController } from './simulation.controller.js';
import { SimulationService } from './simulation.service.js';
import { WindowCountsRepository } from './window-counts.repository.js';

@Module({
  imports: [PoliciesModule, SuppliersModule, DecisionsModule],
  controllers: [ScorecardController, ScoringRunsController, SimulationController],
  providers: [ScorecardService, WindowCountsRepository, ScoringRunsService, SimulationService],
  exports: [ScorecardService, WindowCountsRepository, ScoringRunsService],
})
export class ScoringModule {}
