import { Module } from '@nestjs/common';

import { AppealsModule } from '../appeals/appeals.module.js';
import { AuditsModule } from '../audits/audits.module.js';
import { ComplaintsModule } from '../complaints/complaints.module.js';
import { GovernanceModule } from '../governance/governance.module.js';
import { AppealDeadlinesJob } from './appeal-deadlines.cron.job.js';
import { AuditExpiryJob } from './audit-expiry.cron.job.js';
import { ComplaintSlaJob } from './complaint-sla.cron.job.js';
import { NightlyScoringJob } from './nightly-scoring.cron.job.js';

@Module({
  imports: [GovernanceModule, AuditsModule, AppealsModule, ComplaintsModule],
  providers: [NightlyScoringJob, AuditExpiryJob, AppealDeadlinesJob, ComplaintSlaJob],
})
export class JobsModule {}
