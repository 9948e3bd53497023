import { Module } from '@nestjs/common';

import { DecisionsModule } from '../decisions/decisions.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { VoiceReportsModule } from '../voice/reports/voice-reports.module.js';
import { AuditTargetsService } from './audit-targets.service.js';
import { AuditsController } from './audits.controller.js';
import { AuditsRepository } from './audits.repository.js';
import { AuditsService } from './audits.service.js';
import { PlanAuditsUseCase } from './plan-audits.usecase.js';
import { ShoppersService } from './shoppers.service.js';

@Module({
  imports: [PoliciesModule, SuppliersModule, DecisionsModule, ScoringModule, VoiceReportsModule],
  controllers: [AuditsController],
  providers: [AuditsRepository, AuditsService, ShoppersService, AuditTargetsService, PlanAuditsUseCase],
  exports: [AuditsService],
})
export class AuditsModule {}
