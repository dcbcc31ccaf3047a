import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isErrno } from './atomic-file';
import { parseJsonOrUndefined, isJsonObject } from './json-text';

/**
 * The local driver's stores cache job records in memory and assume they are the only
 * writer, so two service processes on one DATA_DIR would run jobs twice and overwrite each
 * other's records. This lock makes that a refusal at start-up instead: the first process
 * creates `DATA_DIR/service.lock`, and a second one stops with a message naming the holder.
 *
 * A process killed with `kill -9` cannot remove its lock, and a restart must not wait for
 * anything (recovery is measured in seconds), so a lock counts as abandoned when its
 * process is gone (same host), or when its holder stopped refreshing it (another host
 * sharing the directory, or a recycled pid).
 */
export const LOCK_FILE_NAME = 'service.lock';

export interface LockHolder {
  pid: number;
  hostname: string;
  instanceId: string;
  startedAt: string;
  /** Unique per acquisition, so a holder can tell its own lock from a successor's. */
  nonce: string;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another instance of the service ` +
        `(pid ${holder.pid} on ${holder.hostname}, instance ${holder.instanceId}, ` +
        `since ${holder.startedAt}). The local storage driver serves one process per ` +
        `DATA_DIR: stop that process, give this one its own DATA_DIR, or use ` +
        `STORAGE_DRIVER=firestore to run several instances together.`,
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLockOptions {
  instanceId: string;
  /** How often the holder refreshes the lock's modification time. */
  heartbeatMs?: number;
  /** A lock not refreshed for this long is abandoned even if its pid looks alive. */
  staleAfterMs?: number;
  /** Seams for tests: which host and process this is, and whether a pid is running. */
  hostname?: string;
  pid?: number;
  isProcessAlive?: (pid: number) => boolean;
  now?: () => number;
  /** Told about a lock taken over from a process that is gone, and a lost lock. */
  warn?: (message: string) => void;
}

const DEFAULT_HEARTBEAT_MS = 10_000;
const DEFAULT_STALE_AFTER_MS = 60_000;
const ACQUIRE_ATTEMPTS = 50;
/** Pause while another starter is breaking an abandoned lock (it takes a moment). */
const BUSY_RETRY_MS = 10;

export class DataDirLock {
  private heartbeat: NodeJS.Timeout | null = null;
  private released = false;

  private constructor(
    readonly file: string,
    readonly holder: LockHolder,
    private readonly warn: (message: string) => void,
  ) {}

  /** Takes the lock or throws DataDirInUseError; creates DATA_DIR if needed. */
  static async acquire(dataDir: string, options: DataDirLockOptions): Promise<DataDirLock> {
    const file = path.join(dataDir, LOCK_FILE_NAME);
    const hostname = options.hostname ?? os.hostname();
    const pid = options.pid ?? process.pid;
    const isAlive = options.isProcessAlive ?? isProcessAlive;
    const now = options.now ?? Date.now;
    const warn = options.warn ?? (() => undefined);
    const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    const holder: LockHolder = {
      pid,
      hostname,
      instanceId: options.instanceId,
      startedAt: new Date(now()).toISOString(),
      nonce: randomBytes(8).toString('hex'),
    };
    const judge = (existing: { holder: LockHolder; modifiedAtMs: number }) =>
      whyAbandoned(existing, { hostname, pid, isAlive, now, staleAfterMs });
    await fs.promises.mkdir(dataDir, { recursive: true });

    for (let attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
      if (await createLockFile(file, holder)) {
        const lock = new DataDirLock(file, holder, warn);
        lock.startHeartbeat(options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
        return lock;
      }
      const existing = await readLock(file);
      if (!existing) continue; // released (or broken by someone else) meanwhile: try again
      const abandonedBecause = judge(existing);
      if (!abandonedBecause) throw new DataDirInUseError(dataDir, existing.holder);
      if ((await breakLock(file, existing.holder, holder, judge)) === 'broken') {
        warn(
          `Taking over ${file} from pid ${existing.holder.pid} on ${existing.holder.hostname} ` +
            `(${abandonedBecause})`,
        );
      } else {
        await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
      }
    }
    throw new Error(`Could not take ${file}: other processes keep taking it; try again`);
  }

  /** Removes the lock if it is still this process's. Safe to call more than once. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.stopHeartbeat();
    const current = await readLock(this.file);
    if (current?.holder.nonce === this.holder.nonce) {
      await fs.promises.rm(this.file, { force: true });
    }
  }

  /** For `process.on('exit')`, where nothing asynchronous runs any more. */
  releaseSync(): void {
    if (this.released) return;
    this.released = true;
    this.stopHeartbeat();
    try {
      const current = parseHolder(fs.readFileSync(this.file, 'utf8'));
      if (current?.nonce === this.holder.nonce) fs.rmSync(this.file, { force: true });
    } catch {
      // Already gone: nothing to release.
    }
  }

  private startHeartbeat(intervalMs: number): void {
    this.heartbeat = setInterval(() => void this.refresh(), intervalMs);
    // The lock must never keep a process alive that has nothing else to do.
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private async refresh(): Promise<void> {
    const current = await readLock(this.file).catch(() => null);
    if (current?.holder.nonce !== this.holder.nonce) {
      this.warn(
        `${this.file} is no longer this process's lock (removed or taken over); ` +
          `another process may be using this DATA_DIR`,
      );
      this.stopHeartbeat();
      return;
    }
    const nowSeconds = Date.now() / 1000;
    await fs.promises.utimes(this.file, nowSeconds, nowSeconds).catch(() => undefined);
  }
}

/**
 * True when a process with this pid runs (EPERM: it exists but belongs to someone else).
 * A process killed with `kill -9` stays a zombie until its parent reaps it (1-2 s seen
 * under a supervisor), and signal 0 still reaches a zombie; so on Linux its state in
 * `/proc/<pid>/stat` decides: a zombie (Z) or dead (X) holder is gone.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
  const state = processState(pid);
  return state !== 'Z' && state !== 'X';
}

/** The state letter of `/proc/<pid>/stat`, or undefined where there is no /proc. */
export function processState(pid: number): string | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ...": comm may itself hold spaces and parentheses.
  return stat.slice(stat.lastIndexOf(')') + 2).charAt(0) || undefined;
}

function whyAbandoned(
  existing: { holder: LockHolder; modifiedAtMs: number },
  self: {
    hostname: string;
    pid: number;
    isAlive: (pid: number) => boolean;
    now: () => number;
    staleAfterMs: number;
  },
): string | null {
  const { holder, modifiedAtMs } = existing;
  if (holder.hostname === self.hostname) {
    // Our own pid in a lock we have not written yet: a restarted container reusing pid 1.
    if (holder.pid === self.pid) return 'its pid is now this process';
    if (!self.isAlive(holder.pid)) return 'that process is gone';
  }
  const silentMs = self.now() - modifiedAtMs;
  if (silentMs > self.staleAfterMs) {
    return `not refreshed for ${Math.round(silentMs / 1000)} s`;
  }
  return null;
}

/**
 * Creates the lock with its full content or not at all: written to a private temp file
 * and hard-linked into place, since link(2) fails if the name exists and never exposes a
 * half-written file to a process reading the lock at the same moment.
 */
async function createLockFile(file: string, holder: LockHolder): Promise<boolean> {
  const temp = `${file}.${holder.nonce}.tmp`;
  await fs.promises.writeFile(temp, `${JSON.stringify(holder)}\n`, { flag: 'wx' });
  try {
    await fs.promises.link(temp, file);
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await fs.promises.rm(temp, { force: true });
  }
}

/**
 * Removes an abandoned lock without ever removing a live one. Two starters may judge the
 * same lock abandoned at once; if both simply deleted it, the slower could delete the lock
 * the faster had just created. So breaking is itself exclusive: only the holder of
 * `service.lock.break` may delete, and only after checking the lock is still the abandoned
 * one. The break lock is held for a moment; one left by a crash mid-break is abandoned by
 * the same rules as the lock itself.
 */
async function breakLock(
  file: string,
  abandoned: LockHolder,
  self: LockHolder,
  judge: (existing: { holder: LockHolder; modifiedAtMs: number }) => string | null,
): Promise<'broken' | 'busy'> {
  const breaker = `${file}.break`;
  if (!(await createLockFile(breaker, self))) {
    const other = await readLock(breaker).catch(() => null);
    if (other && judge(other)) await fs.promises.rm(breaker, { force: true });
    return 'busy';
  }
  try {
    const current = await readLock(file).catch(() => null);
    if (current?.holder.nonce === abandoned.nonce) await fs.promises.rm(file, { force: true });
    return 'broken';
  } finally {
    await fs.promises.rm(breaker, { force: true });
  }
}

async function readLock(
  file: string,
): Promise<{ holder: LockHolder; modifiedAtMs: number } | null> {
  let text: string;
  let modifiedAtMs: number;
  try {
    [text, modifiedAtMs] = await Promise.all([
      fs.promises.readFile(file, 'utf8'),
      fs.promises.stat(file).then((s) => s.mtimeMs),
    ]);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return null;
    throw error;
  }
  const holder = parseHolder(text);
  if (!holder) {
    throw new Error(
      `${file} is not a lock this service wrote; remove it if no other process uses this DATA_DIR`,
    );
  }
  return { holder, modifiedAtMs };
}

function parseHolder(text: string): LockHolder | null {
  const value = parseJsonOrUndefined(text);
  if (!isJsonObject(value)) return null;
  const { pid, hostname, instanceId, startedAt, nonce } = value;
  if (
    typeof pid !== 'number' ||
    typeof hostname !== 'string' ||
    typeof instanceId !== 'string' ||
    typeof startedAt !== 'string' ||
    typeof nonce !== 'string'
  ) {
    return null;
  }
  return { pid, hostname, instanceId, startedAt, nonce };
}
