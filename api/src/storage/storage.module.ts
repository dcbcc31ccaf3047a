import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JobStore } from './job-store';
import { LocalJobStore } from './local/local-job-store';
import { ValidatedJobStore } from './validated-job-store';

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
                throw new Error('STORAGE_DRIVER=firestore is not available in this build yet');
            }
          },
        },
      ],
      exports: [JobStore],
    };
  }
}
