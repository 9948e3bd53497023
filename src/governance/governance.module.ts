import { Module } from '@nestjs/common';

import { DecisionsModule } from '../decisions/decisions.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { AdmissionController } from './admission/admission.controller.js';
import { AdmissionService } from './admission/admission.service.js';
import { AdmissionApplicationsRepository } from './admission/admission-applications.repository.js';
import { OverrideWarningsService } from './override-warnings.service.js';
import { SupplierProjectionService } from './projection/supplier-projection.service.js';
import { ScoreBatchUseCase } from './runs/score-batch.usecase.js';
import { ScoringRunsController } from './runs/scoring-runs.controller.js';
import { ScoringRunsRepository } from './runs/scoring-runs.repository.js';
import { ScoringRunsService } from './runs/scoring-runs.service.js';
import { SimulationController } from './simulation/simulation.controller.js';
import { SimulationService } from './simulation/simulation.service.js';
import { ChangeSupplierStatusUseCase } from './status/change-supplier-status.usecase.js';
import { LiftHoldUseCase } from './status/lift-hold.usecase.js';
import { SupplierStatusController } from './status/supplier-status.controller.js';

/** Decisions that change a supplier's standing: admission, scoring runs (sanctions), simulations of both. */
@Module({
  imports: [PoliciesModule, SuppliersModule, DecisionsModule, ScoringModule],
  controllers: [AdmissionController, ScoringRunsController, SimulationController, SupplierStatusController],
  providers: [
    AdmissionApplicationsRepository,
    AdmissionService,
    ScoringRunsRepository,
    ScoreBatchUseCase,
    ScoringRunsService,
    SimulationService,
    ChangeSupplierStatusUseCase,
    LiftHoldUseCase,
    OverrideWarningsService,
    SupplierProjectionService,
  ],
  exports: [ScoringRunsService, SupplierProjectionService],
})
export class GovernanceModule {}
