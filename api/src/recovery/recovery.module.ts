import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { JobHeartbeat } from './job-heartbeat';
import { RecoveryService } from './recovery.service';

/** Start-up resume of the incomplete job, and the heartbeat that keeps leases honest. */
@Module({
  imports: [JobsModule],
  providers: [RecoveryService, JobHeartbeat],
})
export class RecoveryModule {}
