import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TEST_ADMIN_TOKEN } from './factories/test-config';
import { isProcessAlive } from '../src/storage/local/data-dir-lock';
import { ServiceProcess, startService } from './support/service-process';
import { Zombie, startZombie } from './support/zombie';

/**
 * One process per DATA_DIR with the local driver, checked on the real, built service: a
 * second process on the same directory refuses to start and leaves the first untouched; a
 * lock left by `kill -9` does not delay the restart.
 */
describe('DATA_DIR lock of the built service', () => {
  let dataDir: string;
  const running: ServiceProcess[] = [];

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'lock-int-'));
  });

  afterEach(async () => {
    for (const service of running.splice(0)) await service.kill('SIGKILL');
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const env = (instance: string) => ({
    DATA_DIR: dataDir,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    INSTANCE_ID: instance,
  });

  async function start(instance: string): Promise<ServiceProcess> {
    const service = await startService(env(instance));
    running.push(service);
    return service;
  }

  async function healthy(service: ServiceProcess): Promise<number> {
    return (await fetch(`${service.url}/healthz`)).status;
  }

  it('refuses a second process on the same DATA_DIR, naming the first', async () => {
    const first = await start('first');
    const refusal = await startService(env('second')).catch((error: unknown) => String(error));
    expect(refusal).toContain('service exited (1) before listening');
    expect(refusal).toContain(`DATA_DIR ${dataDir} is in use by another instance`);
    expect(refusal).toContain(`pid ${first.child.pid}`);
    expect(refusal).toContain('instance first');
    expect(refusal).not.toContain(TEST_ADMIN_TOKEN);
    expect(await healthy(first)).toBe(200);
  });

  it('releases the lock on SIGTERM and survives a kill -9 lock without waiting', async () => {
    const first = await start('first');
    expect((await first.kill('SIGTERM')).code).toBe(0);
    await expect(fs.access(path.join(dataDir, 'service.lock'))).rejects.toThrow();

    const second = await start('second');
    await second.kill('SIGKILL');
    await fs.access(path.join(dataDir, 'service.lock')); // left behind by the kill

    const third = await start('third');
    expect(await healthy(third)).toBe(200);
    expect(third.output()).toContain(`from pid ${second.child.pid}`);
    expect(third.output()).toContain('that process is gone');
  });

  describe('a holder killed but not yet reaped (a zombie)', () => {
    let zombie: Zombie;

    beforeEach(async () => {
      zombie = await startZombie();
    });

    afterEach(() => zombie.release());

    it('counts as gone, though signal 0 still reaches it', () => {
      expect(() => process.kill(zombie.pid, 0)).not.toThrow();
      expect(isProcessAlive(zombie.pid)).toBe(false);
    });

    it('does not hold up a restart', async () => {
      await fs.writeFile(
        path.join(dataDir, 'service.lock'),
        JSON.stringify({
          pid: zombie.pid,
          hostname: os.hostname(),
          instanceId: 'killed',
          startedAt: new Date().toISOString(),
          nonce: 'zombie-test',
        }),
      );
      const restarted = await start('restarted');
      expect(await healthy(restarted)).toBe(200);
      expect(restarted.output()).toContain(`from pid ${zombie.pid}`);
      expect(restarted.output()).toContain('that process is gone');
    });
  });
});
