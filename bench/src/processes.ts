import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
export const SERVICE_ENTRY = path.join(ROOT, 'api', 'dist', 'main.js');
export const EMULATOR_CLI = path.join(ROOT, 'tools', 'dashboard-emulator', 'dist', 'cli.js');
export const BENCH_TOKEN = 'bench-admin-token-0123456789';
/** The Node flags `npm start` and `npm run demo` give the service (one list for all). */
export const SERVICE_NODE_FLAGS = JSON.parse(
  readFileSync(path.join(ROOT, 'tools', 'service-node-flags.json'), 'utf8'),
) as string[];

export interface Child {
  readonly url: string;
  readonly process: ChildProcess;
  readonly startedAtMs: number;
  readonly exited: Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts a Node program and resolves once it prints `listening on http://...`. */
export async function startChild(
  entry: string,
  args: string[],
  env: Record<string, string>,
  nodeFlags: string[] = [],
): Promise<Child> {
  const startedAtMs = Date.now();
  const child = spawn(process.execPath, [...nodeFlags, entry, ...args], {
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`${entry} exited early:\n${output}`)));
  });
  return {
    url,
    process: child,
    startedAtMs,
    exited,
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      await exited;
    },
  };
}

export function startEmulator(extraArgs: string[] = []): Promise<Child> {
  return startChild(EMULATOR_CLI, ['--port', '0', '--host', '127.0.0.1', ...extraArgs], {});
}

/** The service as `npm start` runs it: the same entry and the same Node flags. */
export function startService(env: Record<string, string>): Promise<Child> {
  return startChild(
    SERVICE_ENTRY,
    [],
    { HOST: '127.0.0.1', PORT: '0', ADMIN_TOKEN: BENCH_TOKEN, INSTANCE_ID: 'bench', ...env },
    // BENCH_SERVICE_FLAGS adds Node flags, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    [...SERVICE_NODE_FLAGS, ...(process.env.BENCH_SERVICE_FLAGS ?? '').split(' ').filter(Boolean)],
  );
}

/** A JSON call to the admin API with the bench token. */
export async function api<T = Record<string, unknown>>(
  base: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (res.status >= 400)
    throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export interface EmulatorLogEntry {
  time: string;
  url: string;
  status: number;
  report: string | null;
  district?: string;
  date?: string;
}

export async function emulatorLog(emulator: Child): Promise<EmulatorLogEntry[]> {
  const res = await fetch(`${emulator.url}/__emulator/log`);
  return (await res.json()) as EmulatorLogEntry[];
}

export async function clearEmulatorLog(emulator: Child): Promise<void> {
  await fetch(`${emulator.url}/__emulator/log`, { method: 'DELETE' });
}

export async function setEmulatorFaults(
  emulator: Child,
  faults: Record<string, unknown>,
): Promise<void> {
  await fetch(`${emulator.url}/__emulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
}

/** The part of the job status DTO the benchmarks read. */
export interface JobView {
  id: string;
  status: string;
  counters: { total: number; processed: number; failed: number; skipped: number };
  startedAt: string | null;
  completedAt: string | null;
}

export async function waitForJob(
  base: string,
  jobId: string,
  timeoutMs = 30 * 60_000,
): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await api<JobView>(base, 'GET', `/api/admin/backfill/${jobId}`);
    if (['completed', 'failed', 'cancelled'].includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish`);
    await sleep(200);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
