/**
 * Starts what the browser tests drive: the dashboard emulator (in process), the real API
 * (`node api/dist/main.js`, a child process on a temp DATA_DIR) serving the built console,
 * and Debian's Chromium through playwright-core. Nothing is skipped: a missing browser or
 * build fails the run with a message saying what to do.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RunningEmulator, startDashboardEmulator } from 'dashboard-emulator';
import { Browser, Page, chromium } from 'playwright-core';
import { startApi } from 'test-stack';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const WEB_DIR = path.join(ROOT, 'admin-web', 'dist', 'admin-web', 'browser');
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

  const emulator = await startDashboardEmulator({ faults: { latencyMs: 5 } });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'admin-web-e2e-'));
  const token = `e2e-token-${Date.now().toString(36)}-0123456789`;
  const api = await startApi({
    name: 'admin-web-e2e',
    dataDir,
    token,
    dashboardUrl: emulator.url,
    env: { ADMIN_WEB_DIR: WEB_DIR },
  });
  const baseUrl = api.url;

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
    apiLog: () => api.output(),
    async stop() {
      await browser.close().catch(() => undefined);
      await api.stop();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
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
