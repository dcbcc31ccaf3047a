/**
 * Starts what the browser tests drive: the dashboard emulator (in process), the real API
 * (`node api/dist/main.js`, a child process on a temp DATA_DIR) serving the built console,
 * and Debian's Chromium through playwright-core. Nothing is skipped: a missing browser or
 * build fails the run with a message saying what to do.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RunningEmulator, startDashboardEmulator } from 'dashboard-emulator';
import { Browser, Page, chromium } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const WEB_DIR = path.join(ROOT, 'admin-web', 'dist', 'admin-web', 'browser');
const API_MAIN = path.join(ROOT, 'api', 'dist', 'main.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
export const OUTPUT_DIR = path.join(ROOT, 'admin-web', 'e2e', 'output');
export const SCREENSHOT_DIR = path.join(ROOT, 'docs', 'screenshots');

export interface Stack {
  baseUrl: string;
  token: string;
  emulator: RunningEmulator;
  browser: Browser;
  page: Page;
  apiLog: () => string;
  stop(): Promise<void>;
}

function requireFile(file: string, hint: string): void {
  if (!existsSync(file)) throw new Error(`E2E prerequisite missing: ${file}. ${hint}`);
}

export async function startStack(): Promise<Stack> {
  requireFile(
    CHROMIUM,
    'Install Debian chromium (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.',
  );
  requireFile(
    path.join(WEB_DIR, 'index.html'),
    'Build the console first: npm run build -w admin-web.',
  );
  requireFile(API_MAIN, 'Build the API first: npx nx run api:build.');

  const emulator = await startDashboardEmulator({ faults: { latencyMs: 5 } });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'admin-web-e2e-'));
  const token = `e2e-token-${Date.now().toString(36)}-0123456789`;
  let log = '';
  const api = spawn(process.execPath, [API_MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NO_COLOR: '1',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      ADMIN_TOKEN: token,
      ADMIN_WEB_DIR: WEB_DIR,
      DASHBOARD_BASE_URL: emulator.url,
      DASHBOARD_TIMEOUT_MS: '30000',
      PROGRESS_FLUSH_SECONDS: '1',
      INSTANCE_ID: 'admin-web-e2e',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const baseUrl = await waitForListening(api, (chunk) => (log += chunk));

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    timeout: 60_000,
  });
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);

  return {
    baseUrl,
    token,
    emulator,
    browser,
    page,
    apiLog: () => log,
    async stop() {
      await browser.close().catch(() => undefined);
      await stopChild(api);
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForListening(child: ChildProcess, onOutput: (text: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The API did not start within 30 s')), 30_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      onOutput(text);
      const match = /listening on (http:\/\/[^\s]+)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace('[::1]', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The API exited with code ${code} before listening`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Screenshots go to e2e/output on every run; with UPDATE_SCREENSHOTS=1 also to
 * docs/screenshots, the committed copies the README shows.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const dirs = [OUTPUT_DIR];
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    dirs.push(SCREENSHOT_DIR);
  }
  const png = await page.screenshot({ fullPage: true, animations: 'disabled' });
  for (const dir of dirs) writeFileSync(path.join(dir, `${name}.png`), png);
}
