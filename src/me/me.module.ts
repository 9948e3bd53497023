import { Module } from '@nestjs/common';

import { AppealsModule } from '../appeals/appeals.module.js';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { DecisionsModule } from '../decisions/decisions.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { ReviewsModule } from '../reviews/reviews.module.js';
import { ScoringModule } from '../scoring/scoring.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { VoiceReportsModule } from '../voice/reports/voice-reports.module.js';
import { MeController } from './me.controller.js';

/** The supplier's own view: `/v1/me/...`, for a supplier token only. */
@Module({
  imports: [
    AppealsModule,
    ComplaintsModule,
    LedgerModule,
    SuppliersModule,
    DecisionsModule,
    ReviewsModule,
    ScoringModule,
    GovernanceModule,
    VoiceReportsModule,
  ],
  controllers: [MeController],
})
export class MeModule {}
