import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JobStore } from './job-store';
import { LocalJobStore } from './local/local-job-store';
import { LocalSnapshotStore } from './local/local-snapshot-store';
import { SnapshotStore } from './snapshot-store';
import { ValidatedJobStore } from './validated-job-store';
import { ValidatedSnapshotStore } from './validated-snapshot-store';

const FIRESTORE_PENDING = 'STORAGE_DRIVER=firestore is not available in this build yet';

/** Picks the storage driver from validated config; the rest of the app sees only ports. */
@Global()
@Module({})
export class StorageModule {
  static forRoot(): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        {
          provide: JobStore,
          inject: [AppConfig],
          useFactory: (config: AppConfig): JobStore => {
            switch (config.storageDriver) {
              case 'local':
                return new ValidatedJobStore(new LocalJobStore(config.dataDir));
              case 'firestore':
                throw new Error(FIRESTORE_PENDING);
            }
          },
        },
        {
          provide: SnapshotStore,
          inject: [AppConfig],
          useFactory: (config: AppConfig): SnapshotStore => {
            switch (config.storageDriver) {
              case 'local':
                return new ValidatedSnapshotStore(new LocalSnapshotStore(config.dataDir));
              case 'firestore':
                throw new Error(FIRESTORE_PENDING);
            }
          },
        },
      ],
      exports: [JobStore, SnapshotStore],
    };
  }
}
