import { Module } from '@nestjs/common';

import { AppealsModule } from '../appeals/appeals.module.js';
import { AuditsModule } from '../audits/audits.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { AppealDeadlinesJob } from './appeal-deadlines.cron.job.js';
import { AuditExpiryJob } from './audit-expiry.cron.job.js';
import { NightlyScoringJob } from './nightly-scoring.cron.job.js';

@Module({
  imports: [GovernanceModule, AuditsModule, AppealsModule],
  providers: [NightlyScoringJob, AuditExpiryJob, AppealDeadlinesJob],
})
export class JobsModule {}
