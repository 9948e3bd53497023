import { Module } from '@nestjs/common';

import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { ReviewIngestionService } from './review-ingestion.service.js';
import { ReviewReadsRepository } from './review-reads.repository.js';
import { WindowCountsRepository } from './review-window-counts.repository.js';
import { ReviewsController } from './reviews.controller.js';
import { ReviewsRepository } from './reviews.repository.js';
import { ReviewsService } from './reviews.service.js';

@Module({
  imports: [SuppliersModule],
  controllers: [ReviewsController],
  providers: [ReviewsRepository, ReviewReadsRepository, ReviewIngestionService, ReviewsService, WindowCountsRepository],
  exports: [ReviewIngestionService, ReviewsService, WindowCountsRepository],
})
export class ReviewsModule {}
