import { Module } from '@nestjs/common';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { JobHandlerRegistry } from './job-handler-registry';
import { JobRetentionTask } from './job-retention.task';
import { JobRunner } from './job-runner';
import { JobsController } from './jobs.controller';
import { LegacyBackfillController } from './legacy-backfill.controller';
import { JobsService } from './jobs.service';
import { RecoveryStatusStore } from './recovery-status.store';

@Module({
  controllers: [JobsController, LegacyBackfillController],
  providers: [
    JobsService,
    JobRunner,
    JobHandlerRegistry,
    JobRetentionTask,
    RecoveryStatusStore,
    AdminTokenGuard,
  ],
  exports: [JobsService, JobRunner, JobHandlerRegistry, RecoveryStatusStore, AdminTokenGuard],
})
export class JobsModule {}
