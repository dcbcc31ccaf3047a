import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from './app-config';
import { readEnvFile } from './env-file';

describe('readEnvFile', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'env-file-'));
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads nothing when there is no .env', () => {
    expect(readEnvFile(dir)).toEqual({ file: null, values: {} });
  });

  it('parses the dotenv format: comments, quotes, export-free lines', async () => {
    await fs.writeFile(
      path.join(dir, '.env'),
      '# a comment\nPORT=3100\nDASHBOARD_USER_AGENT="Backfill (ops@example.org)"\n\nHOST=127.0.0.1 # trailing\n',
    );
    expect(readEnvFile(dir)).toEqual({
      file: path.join(dir, '.env'),
      values: {
        PORT: '3100',
        DASHBOARD_USER_AGENT: 'Backfill (ops@example.org)',
        HOST: '127.0.0.1',
      },
    });
  });

  it('fails with a ConfigError naming .env when it exists but cannot be read', async () => {
    await fs.mkdir(path.join(dir, '.env'));
    expect(() => readEnvFile(dir)).toThrow(ConfigError);
    expect(() => readEnvFile(dir)).toThrow(/\.env cannot be read/);
  });
});
