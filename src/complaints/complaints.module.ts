import { Module } from '@nestjs/common';

import { DecisionsModule } from '../decisions/decisions.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { ComplaintDeadlinesService } from './complaint-deadlines.service.js';
import { ComplaintIntakeService } from './complaint-intake.service.js';
import { ComplaintRateRepository } from './complaint-rate.repository.js';
import { COMPLAINT_LEDGER, type ComplaintLedger } from './complaint-ledger.port.js';
import { ComplaintSlaService } from './complaint-sla.service.js';
import { ComplaintStepsController } from './complaint-steps.controller.js';
import { ComplaintStepsService } from './complaint-steps.service.js';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsRepository } from './complaints.repository.js';
import { ComplaintsService } from './complaints.service.js';

const NO_LEDGER: ComplaintLedger = {
  recordCompensation: () => Promise.reject(new Error('the ledger is not there yet')),
  chargeRuling: () => Promise.resolve([]),
  compensationOf: () => Promise.resolve(new Map()),
};

/** Complaints: intake, the lifecycle, deadlines and the SLA report (owns `complaints`). */
@Module({
  imports: [SuppliersModule, PoliciesModule, DecisionsModule],
  controllers: [ComplaintsController, ComplaintStepsController],
  providers: [
    ComplaintsRepository,
    ComplaintIntakeService,
    ComplaintsService,
    ComplaintStepsService,
    ComplaintSlaService,
    ComplaintDeadlinesService,
    ComplaintRateRepository,
    { provide: COMPLAINT_LEDGER, useValue: NO_LEDGER },
  ],
  exports: [ComplaintIntakeService, ComplaintsService, ComplaintDeadlinesService, ComplaintRateRepository],
})
export class ComplaintsModule {}
