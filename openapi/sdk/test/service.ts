/**
 * Starts what the SDK's tests talk to: the dashboard emulator and the built API
 * (`node api/dist/main.js` on a temp DATA_DIR), both as child processes, as an integrator
 * would run them. The CLI's tests have a copy of this file (cli/test/service.ts): each
 * package's tests stay inside its own folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const API_MAIN = path.join(ROOT, 'api', 'dist', 'main.js');
const EMULATOR_MAIN = path.join(ROOT, 'tools', 'dashboard-emulator', 'dist', 'cli.js');

export interface Service {
  url: string;
  token: string;
  log(): string;
  stop(): Promise<void>;
}

export async function startService(): Promise<Service> {
  for (const [file, build] of [
    [API_MAIN, 'api'],
    [EMULATOR_MAIN, 'dashboard-emulator'],
  ]) {
    if (!existsSync(file)) throw new Error(`Missing ${file}: run \`npx nx run ${build}:build\`.`);
  }
  let log = '';
  const collect = (text: string): void => {
    log += text;
  };
  const emulator = spawn(process.execPath, [EMULATOR_MAIN, '--port', '0', '--latency-ms', '20'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const emulatorUrl = await listening(emulator, /listening on (http:\/\/\S+)/, collect);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'backfill-sdk-test-'));
  const token = `sdk-test-${Date.now().toString(36)}-0123456789`;
  const api = spawn(process.execPath, [API_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NO_COLOR: '1',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      ADMIN_TOKEN: token,
      DASHBOARD_BASE_URL: emulatorUrl,
      DASHBOARD_TIMEOUT_MS: '10000',
      PROGRESS_FLUSH_SECONDS: '1',
      PARSE_WORKERS: '0',
      INSTANCE_ID: 'sdk-test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await listening(api, /listening on (http:\/\/\S+)/, collect).catch(
    async (error: unknown) => {
      await stopChild(emulator);
      throw error;
    },
  );
  return {
    url,
    token,
    log: () => log,
    async stop() {
      await stopChild(api);
      await stopChild(emulator);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function listening(
  child: ChildProcess,
  pattern: RegExp,
  onOutput: (text: string) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    // Generous: start-up is slow on a loaded 2-core machine, and only a hang should fail.
    const timer = setTimeout(() => reject(new Error('Not listening after 60 s')), 60_000);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      onOutput(text);
      const match = pattern.exec(text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('[::1]', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Exited with code ${String(code)} before listening`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
