import { Module } from '@nestjs/common';

import { PoliciesModule } from '../policies/policies.module.js';
import { ReviewsModule } from '../reviews/reviews.module.js';
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
  controllers: [TaggingController],
  providers: [ReviewAspectsRepository, ReviewTaggerService, TaggingService],
  exports: [ReviewTaggerService],
})
export class VoiceModule {}
