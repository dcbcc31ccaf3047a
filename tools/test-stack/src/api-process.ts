import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { type ListeningProcess, startListening } from './child-process';

/** The repository root, from tools/test-stack/dist (or src, under ts-node). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const API_MAIN = path.join(REPO_ROOT, 'api', 'dist', 'main.js');
export const EMULATOR_MAIN = path.join(REPO_ROOT, 'tools', 'dashboard-emulator', 'dist', 'cli.js');

export interface ApiOptions {
  /** Names the instance and the token, so a failing test's log says whose API it was. */
  name: string;
  dataDir: string;
  token: string;
  dashboardUrl: string;
  /** Further environment, e.g. ADMIN_WEB_DIR; wins over the defaults below. */
  env?: Record<string, string>;
}

/**
 * The built API (`node api/dist/main.js`) as an operator runs it, on a free port, with a
 * one-second progress flush so tests see progress without waiting out the default.
 */
export function startApi(options: ApiOptions): Promise<ListeningProcess> {
  requireBuilt(API_MAIN, 'api');
  return startListening(API_MAIN, [], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NO_COLOR: '1',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: options.dataDir,
      ADMIN_TOKEN: options.token,
      DASHBOARD_BASE_URL: options.dashboardUrl,
      DASHBOARD_TIMEOUT_MS: '30000',
      PROGRESS_FLUSH_SECONDS: '1',
      INSTANCE_ID: options.name,
      ...options.env,
    },
  });
}

export function requireBuilt(file: string, project: string): void {
  if (!existsSync(file)) throw new Error(`Missing ${file}: run \`npx nx run ${project}:build\`.`);
}
