import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { TEST_ADMIN_TOKEN } from './factories/test-config';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * `npm start` and `npm run demo` as containers and process managers run them: they signal
 * the npm process, and the service must hear it (drain, release the data directory's lock,
 * exit) rather than live on as an orphan holding the lock. Runs the real scripts, which
 * build through nx first (from its cache when the builds are current).
 */
describe('npm scripts pass SIGTERM on to the service', () => {
  let dir: string;
  let npm: ChildProcess | undefined;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'npm-scripts-'));
  });

  afterEach(async () => {
    if (npm && npm.exitCode === null) npm.kill('SIGKILL');
    await fs.rm(dir, { recursive: true, force: true });
  });

  function run(script: string, env: Record<string, string>): { output: () => string } {
    let output = '';
    npm = spawn('npm', ['run', script], {
      cwd: ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return { output: () => output };
  }

  async function waitFor(what: string, condition: () => boolean, output: () => string) {
    const deadline = Date.now() + 200_000;
    while (!condition()) {
      if (npm?.exitCode !== null) throw new Error(`npm exited before ${what}:\n${output()}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within 200 s:\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function stopNpm(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => npm?.once('exit', resolve));
    npm?.kill('SIGTERM');
    return exited;
  }

  it('npm start: the service drains, releases its lock and exits', async () => {
    const dataDir = path.join(dir, 'data');
    const lockFile = path.join(dataDir, 'service.lock');
    const { output } = run('start', {
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      DASHBOARD_BASE_URL: 'http://127.0.0.1:9',
    });
    await waitFor('listening', () => /listening on http:/.test(output()), output);
    const { pid } = JSON.parse(await fs.readFile(lockFile, 'utf8')) as { pid: number };
    expect(await nodeFlagsOf(pid)).toEqual(SERVICE_NODE_FLAGS);

    expect(await stopNpm()).toBe(0);
    expect(output()).toContain('SIGTERM received');
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(lockFile)).toBe(false);
  }, 240_000);

  it('npm run demo: the API and the emulator both stop', async () => {
    const [apiPort, emulatorPort] = [await freePort(), await freePort()];
    const dataDir = path.join(dir, 'demo-data');
    const { output } = run('demo', {
      PORT: String(apiPort),
      DEMO_EMULATOR_PORT: String(emulatorPort),
      DEMO_DATA_DIR: dataDir,
    });
    await waitFor('the demo', () => output().includes('Demo is running'), output);
    const { pid } = JSON.parse(await fs.readFile(path.join(dataDir, 'service.lock'), 'utf8')) as {
      pid: number;
    };
    expect(await nodeFlagsOf(pid)).toEqual(SERVICE_NODE_FLAGS);

    expect(await stopNpm()).toBe(0);
    expect(output()).toContain('SIGTERM received');
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'service.lock'))).toBe(false);
    // Both ports are free again: nothing was left behind.
    expect(await canListen(apiPort)).toBe(true);
    expect(await canListen(emulatorPort)).toBe(true);
  }, 240_000);
});

/** One list of Node flags for the service, however it is started (see the README). */
const SERVICE_NODE_FLAGS = JSON.parse(
  readFileSync(path.join(ROOT, 'tools', 'service-node-flags.json'), 'utf8'),
) as string[];

/** The flags between `node` and the entry script of a running process. */
async function nodeFlagsOf(pid: number): Promise<string[]> {
  const args = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
  return args.slice(
    1,
    args.findIndex((arg) => arg.endsWith('main.js')),
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
