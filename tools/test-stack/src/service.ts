import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EMULATOR_MAIN, REPO_ROOT, requireBuilt, startApi } from './api-process';
import { startListening } from './child-process';

/** The dashboard emulator and the API, each a child process, on a fresh data directory. */
export interface Service {
  url: string;
  token: string;
  /** What both processes printed, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * What an integrator's client talks to: the built API on a temp DATA_DIR, collecting from
 * the dashboard emulator (20 ms a response, so a job is quick but still observable).
 * `name` ("sdk-test", "cli-test") names the instance, the token and the temp folder.
 */
export async function startService(name: string): Promise<Service> {
  requireBuilt(EMULATOR_MAIN, 'dashboard-emulator');
  const emulator = await startListening(EMULATOR_MAIN, ['--port', '0', '--latency-ms', '20'], {
    cwd: REPO_ROOT,
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), `backfill-${name}-`));
  const token = `${name}-${Date.now().toString(36)}-0123456789`;
  const api = await startApi({
    name,
    dataDir,
    token,
    dashboardUrl: emulator.url,
    env: { PARSE_WORKERS: '0' },
  }).catch(async (error: unknown) => {
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    url: api.url,
    token,
    log: () => emulator.output() + api.output(),
    async stop() {
      await api.stop();
      await emulator.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
