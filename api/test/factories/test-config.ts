import { AppConfig, loadConfig } from '../../src/config/app-config';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A validated config for tests, over the given data dir. */
export function testConfig(dataDir: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    DATA_DIR: dataDir,
    INSTANCE_ID: 'test-instance',
    PROGRESS_FLUSH_SECONDS: '1',
    ...env,
  });
}
