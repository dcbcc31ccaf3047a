import { AppConfig, loadConfig } from '../../src/config/app-config';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A validated config for tests, over the given data dir. */
export function testConfig(dataDir: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    DATA_DIR: dataDir,
    INSTANCE_ID: 'test-instance',
    PROGRESS_FLUSH_SECONDS: '1',
    // Jest runs the .ts sources, and worker threads can load only the built .js files; tests
    // of the built service (crash, Firestore instances) and the pool's own test use workers.
    PARSE_WORKERS: '0',
    ...env,
  });
}
