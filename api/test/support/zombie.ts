import { spawn } from 'node:child_process';
import { processState } from '../../src/storage/local/data-dir-lock';

export interface Zombie {
  pid: number;
  /** Ends the parent, so init reaps the zombie. */
  release(): void;
}

/**
 * A process killed with SIGKILL that nobody reaps yet: `sh` starts a `sleep` in the
 * background, prints its pid, then execs into another `sleep` that never waits for it.
 * Node reaps its own children at once, so the zombie has to be a grandchild.
 */
export async function startZombie(): Promise<Zombie> {
  const parent = spawn('sh', ['-c', 'sleep 600 & echo $!; exec sleep 600'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = await new Promise<number>((resolve, reject) => {
    parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    parent.once('error', reject);
  });
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (processState(pid) !== 'Z') {
    if (Date.now() > deadline) throw new Error(`pid ${pid} never became a zombie`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { pid, release: () => parent.kill('SIGKILL') };
}
