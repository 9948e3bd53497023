import { Module } from '@nestjs/common';
import { ScoringModule } from '../scoring/scoring.module.js';
import { NightlyScoringJob } from './nightly-scoring.cron.job.js';

@Module({
  imports: [ScoringModule],
  providers: [NightlyScoringJob],
})
export class JobsModule {}
