import { Module } from '@nestjs/common';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { JobEventsService } from './job-events.service';
import { JobHandlerRegistry } from './job-handler-registry';
import { JobMonitorController } from './job-monitor.controller';
import { JobRetentionTask } from './job-retention.task';
import { JobRunner } from './job-runner';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { JobPauseService } from './job-pause.service';
import { JobChainService } from './job-chain.service';
import { CollectSchedule } from './schedule/collect-schedule.service';
import { RecoveryStatusStore } from '../recovery/recovery-status.store';

// The recovery status store is provided here, not in RecoveryModule, because GET /status
// reads it and RecoveryModule already imports this module.
@Module({
  imports: [RateLimitModule],
  controllers: [JobsController, JobMonitorController],
  providers: [
    JobsService,
    JobPauseService,
    JobChainService,
    CollectSchedule,
    JobEventsService,
    JobRunner,
    JobHandlerRegistry,
    JobRetentionTask,
    RecoveryStatusStore,
    AdminTokenGuard,
  ],
  exports: [
    JobsService,
    JobPauseService,
    JobChainService,
    CollectSchedule,
    JobRunner,
    JobHandlerRegistry,
    RecoveryStatusStore,
    AdminTokenGuard,
  ],
})
export class JobsModule {}
