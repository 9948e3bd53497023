import { Module } from '@nestjs/common';

/** Complaints: intake, the lifecycle, deadlines and the SLA report (owns `complaints`). */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class ComplaintsModule {}
