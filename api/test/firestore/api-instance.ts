import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freeLoopbackPort } from './emulator-process';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const BUILT_MAIN = path.join(REPO_ROOT, 'api', 'dist', 'main.js');

/** Builds the service as it ships (`nx run api:build`, from Nx's local cache when unchanged). */
export function buildApi(): void {
  try {
    execFileSync('npx', ['nx', 'run', 'api:build', '--outputStyle=static'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: 'pipe',
      timeout: 170_000,
    });
  } catch (error) {
    const out = (error as { stdout?: Buffer; stderr?: Buffer }).stdout?.toString() ?? '';
    throw new Error(`nx run api:build failed:\n${out.slice(-3000)}`);
  }
  if (!existsSync(BUILT_MAIN)) throw new Error(`the build did not produce ${BUILT_MAIN}`);
}

/** One running `node api/dist/main.js`. */
export class ApiInstance {
  private output = '';
  readonly exited: Promise<void>;

  private constructor(
    readonly id: string,
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {
    const append = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static async start(id: string, env: Record<string, string>): Promise<ApiInstance> {
    const port = await freeLoopbackPort();
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `api-${id}-`));
    const child = spawn(process.execPath, [BUILT_MAIN], {
      cwd: dataDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        TZ: 'UTC',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        INSTANCE_ID: id,
        ...env,
      },
    });
    const instance = new ApiInstance(id, `http://127.0.0.1:${port}`, child, dataDir);
    await instance.waitUntilReady();
    return instance;
  }

  get logs(): string {
    return this.output;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** `kill -9`: no shutdown hook runs, the lease is left to expire. */
  async killHard(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.running) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
    await fs.rm(this.dataDir, { recursive: true, force: true });
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`instance ${this.id} exited:\n${this.output}`);
      try {
        const response = await fetch(`${this.url}/readyz`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`instance ${this.id} was not ready within 60 s:\n${this.output}`);
  }
}
