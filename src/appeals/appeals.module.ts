import { Module } from '@nestjs/common';

import { DecisionsModule } from '../decisions/decisions.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { ReviewsModule } from '../reviews/reviews.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { AppealDeadlinesService } from './appeal-deadlines.service.js';
import { AppealsController } from './appeals.controller.js';
import { AppealsRepository } from './appeals.repository.js';
import { AppealsService } from './appeals.service.js';

/** Appeals of decisions, reviews and recovery charges (owns `appeals`). */
@Module({
  imports: [LedgerModule, PoliciesModule, SuppliersModule, DecisionsModule, ReviewsModule],
  controllers: [AppealsController],
  providers: [AppealsRepository, AppealsService, AppealDeadlinesService],
  exports: [AppealsService, AppealDeadlinesService],
})
export class AppealsModule {}
