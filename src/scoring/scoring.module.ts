import { Module } from '@nestjs/common';

import { ComplaintRateRepository } from '../complaints/complaint-rate.repository.js';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { PoliciesModule } from '../policies/policies.module.js';
import { WindowCountsRepository } from '../reviews/review-window-counts.repository.js';
import { ReviewsModule } from '../reviews/reviews.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { ScoreHistoryController } from './score-history.controller.js';
import { ScoreHistoryService } from './score-history.service.js';
import { ScoreSnapshotsRepository } from './score-snapshots.repository.js';
import { ScorecardController } from './scorecard.controller.js';
import { ScorecardService } from './scorecard.service.js';
import { COMPLAINT_SIGNAL } from './signals/complaint-signal.js';
import { REVIEW_SIGNAL } from './signals/review-signal.js';

@Module({
  imports: [PoliciesModule, SuppliersModule, ReviewsModule, ComplaintsModule],
  controllers: [ScorecardController, ScoreHistoryController],
  providers: [
    ScorecardService,
    ScoreHistoryService,
    ScoreSnapshotsRepository,
    // The review signal: implemented by the reviews module from its daily roll-ups.
    { provide: REVIEW_SIGNAL, useExisting: WindowCountsRepository },
    // The complaint signal: implemented by the complaints module from complaints and order volumes.
    { provide: COMPLAINT_SIGNAL, useExisting: ComplaintRateRepository },
  ],
  exports: [ScorecardService, ScoreHistoryService, ScoreSnapshotsRepository, REVIEW_SIGNAL, COMPLAINT_SIGNAL],
})
export class ScoringModule {}
