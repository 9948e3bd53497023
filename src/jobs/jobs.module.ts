import { Module } from '@nestjs/common';

import { AuditsModule } from '../audits/audits.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { AuditExpiryJob } from './audit-expiry.cron.job.js';
import { NightlyScoringJob } from './nightly-scoring.cron.job.js';

@Module({
  imports: [GovernanceModule, AuditsModule],
  providers: [NightlyScoringJob, AuditExpiryJob],
})
export class JobsModule {}
