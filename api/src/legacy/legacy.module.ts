import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { LegacyBackfillController } from './legacy-backfill.controller';

/** The routes of the earlier backfill API, kept for its callers, on top of the jobs service. */
@Module({
  imports: [JobsModule],
  controllers: [LegacyBackfillController],
})
export class LegacyModule {}
