import { Module } from '@nestjs/common';

import { ComplaintRateRepository } from './complaint-rate.repository.js';

/** Complaints: intake, the lifecycle, deadlines and the SLA report (owns `complaints`). */
@Module({
  imports: [],
  controllers: [],
  providers: [ComplaintRateRepository],
  exports: [ComplaintRateRepository],
})
export class ComplaintsModule {}
