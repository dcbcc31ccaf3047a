import { Abstract, DynamicModule, FactoryProvider, Global, Module } from '@nestjs/common';
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
        storeProvider(
          JobStore,
          (dir) => new LocalJobStore(dir),
          (firestore) => firestore.jobStore(),
          (driver) => new ValidatedJobStore(driver),
        ),
        storeProvider(
          SnapshotStore,
          (dir) => new LocalSnapshotStore(dir),
          (firestore) => firestore.snapshotStore(),
          (driver) => new ValidatedSnapshotStore(driver),
        ),
        storeProvider(
          AnalyticsStore,
          (dir) => new LocalAnalyticsStore(dir),
          (firestore) => firestore.analyticsStore(),
          (driver) => new ValidatedAnalyticsStore(driver),
        ),
      ],
      exports: [JobStore, SnapshotStore, AnalyticsStore],
    };
  }
}

/**
 * One port's provider: the configured driver, wrapped in the port's validating store so
 * every driver gets the same checks.
 */
function storeProvider<Port>(
  port: Abstract<Port>,
  local: (dataDir: string) => Port,
  firestore: (connection: FirestoreConnection) => Promise<Port>,
  validated: (driver: Port) => Port,
): FactoryProvider<Promise<Port>> {
  return {
    provide: port,
    inject: [AppConfig, FirestoreConnection],
    useFactory: async (config: AppConfig, connection: FirestoreConnection) => {
      switch (config.storageDriver) {
        case 'local':
          return validated(local(config.dataDir));
        case 'firestore':
          return validated(await firestore(connection));
      }
    },
  };
}
