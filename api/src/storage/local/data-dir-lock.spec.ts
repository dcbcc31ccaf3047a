import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DataDirInUseError,
  DataDirLock,
  DataDirLockOptions,
  LOCK_FILE_NAME,
  LockHolder,
  isProcessAlive,
} from './data-dir-lock';

describe('DataDirLock', () => {
  let dataDir: string;
  let lockFile: string;
  const held: DataDirLock[] = [];

  beforeEach(async () => {
    dataDir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'lock-')), 'data');
    lockFile = path.join(dataDir, LOCK_FILE_NAME);
  });

  afterEach(async () => {
    for (const lock of held.splice(0)) await lock.release();
    await fs.rm(path.dirname(dataDir), { recursive: true, force: true });
  });

  /** Another process on this host: pid 1000 + n, alive unless the test says otherwise. */
  function options(n: number, overrides: Partial<DataDirLockOptions> = {}): DataDirLockOptions {
    return {
      instanceId: `instance-${n}`,
      hostname: 'host-a',
      pid: 1000 + n,
      isProcessAlive: () => true,
      ...overrides,
    };
  }

  async function acquire(opts: DataDirLockOptions): Promise<DataDirLock> {
    const lock = await DataDirLock.acquire(dataDir, opts);
    held.push(lock);
    return lock;
  }

  async function storedHolder(): Promise<LockHolder> {
    return JSON.parse(await fs.readFile(lockFile, 'utf8')) as LockHolder;
  }

  it('creates DATA_DIR and a lock naming this process, and removes it on release', async () => {
    const lock = await acquire(options(1));
    expect(await storedHolder()).toEqual(lock.holder);
    expect(lock.holder).toMatchObject({ pid: 1001, hostname: 'host-a', instanceId: 'instance-1' });
    await lock.release();
    await expect(fs.access(lockFile)).rejects.toThrow();
    await lock.release(); // twice is harmless
  });

  it('refuses a second process while the holder runs, naming the holder, and changes nothing', async () => {
    const first = await acquire(options(1));
    const refusal = await DataDirLock.acquire(dataDir, options(2)).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DataDirInUseError);
    expect((refusal as Error).message).toContain(`DATA_DIR ${dataDir} is in use`);
    expect((refusal as Error).message).toContain('pid 1001 on host-a, instance instance-1');
    expect((refusal as Error).message).toContain('STORAGE_DRIVER=firestore');
    expect(await storedHolder()).toEqual(first.holder);
  });

  it('takes over at once from a process that is gone (kill -9 leaves its lock behind)', async () => {
    const dead = await acquire(options(1));
    const warnings: string[] = [];
    const next = await acquire(
      options(2, {
        isProcessAlive: (pid) => pid !== dead.holder.pid,
        warn: (m) => warnings.push(m),
      }),
    );
    expect(await storedHolder()).toEqual(next.holder);
    expect(warnings).toEqual([
      expect.stringContaining('from pid 1001 on host-a (that process is gone)'),
    ]);
  });

  it('takes over a lock holding its own pid (a restarted container is pid 1 again)', async () => {
    await acquire(options(1, { pid: 1 }));
    const restarted = await acquire(options(2, { pid: 1 }));
    expect((await storedHolder()).nonce).toBe(restarted.holder.nonce);
  });

  it('trusts a lock from another host only while it is being refreshed', async () => {
    await acquire(options(1, { hostname: 'host-b' }));
    await expect(DataDirLock.acquire(dataDir, options(2))).rejects.toBeInstanceOf(
      DataDirInUseError,
    );
    const later = Date.now() + 61_000;
    const next = await acquire(options(3, { now: () => later }));
    expect((await storedHolder()).nonce).toBe(next.holder.nonce);
  });

  it('lets exactly one of many simultaneous starters take an abandoned lock', async () => {
    const dead = await acquire(options(0));
    const alive = (pid: number) => pid !== dead.holder.pid;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => acquire(options(i + 1, { isProcessAlive: alive }))),
    );
    const winners = outcomes.filter((o) => o.status === 'fulfilled');
    const losers = outcomes.filter((o) => o.status === 'rejected');
    expect(winners).toHaveLength(1);
    for (const loser of losers) expect(loser.reason).toBeInstanceOf(DataDirInUseError);
    const winner = winners[0].value;
    expect(await storedHolder()).toEqual(winner.holder);
    // Nothing left beside the lock: no temp or break-lock files.
    expect(await fs.readdir(dataDir)).toEqual([LOCK_FILE_NAME]);
  });

  it('never removes a successor lock when releasing late', async () => {
    const old = await acquire(options(1));
    const successor = await acquire(options(2, { isProcessAlive: (pid) => pid !== 1001 }));
    await old.release();
    old.releaseSync();
    expect((await storedHolder()).nonce).toBe(successor.holder.nonce);
  });

  it('releases synchronously, for process exit', async () => {
    const lock = await acquire(options(1));
    lock.releaseSync();
    await expect(fs.access(lockFile)).rejects.toThrow();
  });

  it('refuses, and leaves alone, a lock file it cannot read', async () => {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(lockFile, 'not a lock');
    await expect(DataDirLock.acquire(dataDir, options(1))).rejects.toThrow(
      `${lockFile} is not a lock this service wrote`,
    );
    expect(await fs.readFile(lockFile, 'utf8')).toBe('not a lock');
  });

  it('refreshes the lock while held, and says so when it has been taken away', async () => {
    const warnings: string[] = [];
    await acquire(options(1, { heartbeatMs: 20, warn: (m) => warnings.push(m) }));
    const past = new Date(Date.now() - 3_600_000);
    await fs.utimes(lockFile, past, past);
    await waitFor(async () => (await fs.stat(lockFile)).mtimeMs > past.getTime());
    await fs.rm(lockFile);
    await waitFor(() => Promise.resolve(warnings.length > 0));
    expect(warnings[0]).toContain('is no longer this process');
  });

  it('tells a running process from a missing one', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 12345)).toBe(false); // above Linux's largest pid
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
