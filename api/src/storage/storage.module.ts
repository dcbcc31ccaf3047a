import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { FirestoreConnection } from './firestore/firestore-connection';
import { AnalyticsStore } from './analytics-store';
import { JobStore } from './job-store';
import { LocalAnalyticsStore } from './local/local-analytics-store';
import { LocalJobStore } from './local/local-job-store';
import { LocalSnapshotStore } from './local/local-snapshot-store';
import { SnapshotStore } from './snapshot-store';
import { ValidatedAnalyticsStore } from './validated-analytics-store';
import { ValidatedJobStore } from './validated-job-store';
import { ValidatedSnapshotStore } from './validated-snapshot-store';

/** Picks the storage driver from validated config; the rest of the app sees only ports. */
@Global()
@Module({})
export class StorageModule {
  static forRoot(): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        {
          provide: FirestoreConnection,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => new FirestoreConnection(config),
        },
        {
          provide: JobStore,
          inject: [AppConfig, FirestoreConnection],
          useFactory: async (config: AppConfig, firestore: FirestoreConnection) => {
            switch (config.storageDriver) {
              case 'local':
                return new ValidatedJobStore(new LocalJobStore(config.dataDir));
              case 'firestore':
                return new ValidatedJobStore(await firestore.jobStore());
            }
          },
        },
        {
          provide: SnapshotStore,
          inject: [AppConfig, FirestoreConnection],
          useFactory: async (config: AppConfig, firestore: FirestoreConnection) => {
            switch (config.storageDriver) {
              case 'local':
                return new ValidatedSnapshotStore(new LocalSnapshotStore(config.dataDir));
              case 'firestore':
                return new ValidatedSnapshotStore(await firestore.snapshotStore());
            }
          },
        },
        {
          provide: AnalyticsStore,
          inject: [AppConfig, FirestoreConnection],
          useFactory: async (config: AppConfig, firestore: FirestoreConnection) => {
            switch (config.storageDriver) {
              case 'local':
                return new ValidatedAnalyticsStore(new LocalAnalyticsStore(config.dataDir));
              case 'firestore':
                return new ValidatedAnalyticsStore(await firestore.analyticsStore());
            }
          },
        },
      ],
      exports: [JobStore, SnapshotStore, AnalyticsStore],
    };
  }
}
