import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Clock } from '../../src/common/clock';
import type { AppConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';
import { JobHandlerRegistry } from '../../src/jobs/job-handler-registry';
import type { JobHandler } from '../../src/jobs/job-handler';
import { JobRunner } from '../../src/jobs/job-runner';
import { TEST_ADMIN_TOKEN, testConfig } from './test-config';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  dataDir: string;
  auth: { Authorization: string };
  runner: JobRunner;
  close(): Promise<void>;
}

/** The real app on a temp data dir, initialised but not listening (supertest drives it). */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    clock?: Clock;
    handlers?: JobHandler[];
    dataDir?: string;
  } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'api-e2e-')));
  const config = testConfig(dataDir, options.env);
  const app = await createApp({ config, clock: options.clock, logger: false });
  await app.init();
  const registry = app.get(JobHandlerRegistry);
  for (const handler of options.handlers ?? []) registry.replace(handler);
  const runner = app.get(JobRunner);
  return {
    app,
    config,
    dataDir,
    auth: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    runner,
    async close() {
      await runner.whenIdle();
      await app.close();
      if (!options.dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
