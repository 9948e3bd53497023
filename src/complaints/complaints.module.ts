import { Module } from '@nestjs/common';

import { DecisionsModule } from '../decisions/decisions.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { ComplaintDeadlinesService } from './complaint-deadlines.service.js';
import { ComplaintIntakeService } from './complaint-intake.service.js';
import { ComplaintRateRepository } from './complaint-rate.repository.js';
import { ComplaintSlaService } from './complaint-sla.service.js';
import { ComplaintStepsController } from './complaint-steps.controller.js';
import { ComplaintStepsService } from './complaint-steps.service.js';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsMetrics } from './complaints.metrics.js';
import { ComplaintsRepository } from './complaints.repository.js';
import { ComplaintsService } from './complaints.service.js';

/** Complaints: intake, the lifecycle, deadlines and the SLA report (owns `complaints`). */
@Module({
  imports: [SuppliersModule, PoliciesModule, DecisionsModule, LedgerModule],
  controllers: [ComplaintsController, ComplaintStepsController],
  providers: [
    ComplaintsRepository,
    ComplaintIntakeService,
    ComplaintsService,
    ComplaintStepsService,
    ComplaintSlaService,
    ComplaintDeadlinesService,
    ComplaintRateRepository,
    ComplaintsMetrics,
  ],
  exports: [ComplaintIntakeService, ComplaintsService, ComplaintDeadlinesService, ComplaintRateRepository],
})
export class ComplaintsModule {}
