import { Module } from '@nestjs/common';

import { PoliciesModule } from '../policies/policies.module.js';
import { ReviewsModule } from '../reviews/reviews.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { ScorecardController } from './scorecard.controller.js';
import { ScorecardService } from './scorecard.service.js';

@Module({
  imports: [PoliciesModule, SuppliersModule, ReviewsModule],
  controllers: [ScorecardController],
  providers: [ScorecardService],
  exports: [ScorecardService, ReviewsModule],
})
export class ScoringModule {}
