import { Module } from '@nestjs/common';
import { CoverageController } from './coverage.controller';
import { CoverageReader } from './coverage-reader';

/** Coverage of the stored history: read-only, from the snapshot store's manifests. */
@Module({
  controllers: [CoverageController],
  providers: [CoverageReader],
})
export class CoverageModule {}
