import { Module } from '@nestjs/common';

import { PoliciesModule } from '../../policies/policies.module.js';
import { SuppliersModule } from '../../suppliers/suppliers.module.js';
import { AspectReportsController } from './aspect-reports.controller.js';
import { AspectReportsRepository } from './aspect-reports.repository.js';
import { AspectReportsService } from './aspect-reports.service.js';

/** The aspect reports (a supplier's aspects, a category's drivers) and the critical mentions audits read. */
@Module({
  imports: [PoliciesModule, SuppliersModule],
  controllers: [AspectReportsController],
  providers: [AspectReportsRepository, AspectReportsService],
  exports: [AspectReportsService],
})
export class VoiceReportsModule {}
