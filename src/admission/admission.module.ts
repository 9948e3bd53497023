import { Module } from '@nestjs/common';

import { DecisionsModule } from '../decisions/decisions.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { AdmissionController } from './admission.controller.js';
import { AdmissionService } from './admission.service.js';

@Module({
  imports: [PoliciesModule, DecisionsModule, ScoringModule, SuppliersModule],
  controllers: [AdmissionController],
  providers: [AdmissionService],
})
export class AdmissionModule {}
