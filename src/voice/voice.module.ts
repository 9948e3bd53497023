import { Module } from '@nestjs/common';

import { PoliciesModule } from '../policies/policies.module.js';
import { ReviewsModule } from '../reviews/reviews.module.js';
import { ExclusionProposalsController } from './proposals/exclusion-proposals.controller.js';
import { ExclusionProposalsRepository } from './proposals/exclusion-proposals.repository.js';
import { ExclusionProposalsService } from './proposals/exclusion-proposals.service.js';
import { ExclusionRuleService } from './rules/exclusion-rule.service.js';
import { ReviewAspectsRepository } from './tagging/review-aspects.repository.js';
import { ReviewTaggerService } from './tagging/review-tagger.service.js';
import { TaggingController } from './tagging/tagging.controller.js';
import { TaggingService } from './tagging/tagging.service.js';

/**
 * The voice of the customer (owns `review_aspects`, `review_aspect_daily_rollups`,
 * `exclusion_proposals`): the background tagger, the exclusion rule and its proposals.
 */
@Module({
  imports: [PoliciesModule, ReviewsModule],
  controllers: [TaggingController, ExclusionProposalsController],
  providers: [
    ReviewAspectsRepository,
    ExclusionProposalsRepository,
    ExclusionRuleService,
    ReviewTaggerService,
    TaggingService,
    ExclusionProposalsService,
  ],
  exports: [ReviewTaggerService],
})
export class VoiceModule {}
