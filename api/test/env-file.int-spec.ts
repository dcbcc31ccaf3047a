import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ServiceProcess, startService } from './support/service-process';

/**
 * `.env` as `.env.example` promises: the built service reads it from its working
 * directory, the real environment wins over it, a bad value in it stops the start-up with
 * a message naming the variable and the file, and no value reaches the log.
 */
describe('.env file of the built service', () => {
  let dir: string;
  const running: ServiceProcess[] = [];
  const fileToken = 'token-from-env-file-0123456789';

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'env-file-int-'));
  });

  afterEach(async () => {
    for (const service of running.splice(0)) await service.kill('SIGKILL');
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('configures from .env, with the environment winning, and logs names only', async () => {
    await fs.writeFile(
      path.join(dir, '.env'),
      `ADMIN_TOKEN=${fileToken}\nDATA_DIR=./from-file\nINSTANCE_ID=from-file\n`,
    );
    const service = await startService({ INSTANCE_ID: 'from-env' }, 20_000, dir);
    running.push(service);

    const status = await fetch(`${service.url}/api/admin/backfill/status`, {
      headers: { Authorization: `Bearer ${fileToken}` },
    });
    expect(status.status).toBe(200);
    await fs.access(path.join(dir, 'from-file', 'service.lock'));
    const lock = JSON.parse(
      await fs.readFile(path.join(dir, 'from-file', 'service.lock'), 'utf8'),
    ) as { instanceId: string };
    expect(lock.instanceId).toBe('from-env');
    expect(service.output()).toContain(`Read ${path.join(dir, '.env')}: ADMIN_TOKEN, DATA_DIR`);
    expect(service.output()).not.toContain(fileToken);
  });

  it('stops with a message naming the variable and the file for a bad value in .env', async () => {
    await fs.writeFile(path.join(dir, '.env'), 'LEASE_SECONDS=ninety\n');
    const refusal = await startService({}, 20_000, dir).then(
      (service) => {
        running.push(service);
        return 'started';
      },
      (error: unknown) => String(error),
    );
    expect(refusal).toContain('service exited (78) before listening');
    expect(refusal).toContain(
      `Invalid configuration: LEASE_SECONDS must be an integer, got "ninety"`,
    );
    expect(refusal).toContain(`(set in ${path.join(dir, '.env')})`);
  });
});
