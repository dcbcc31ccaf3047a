import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  // Kill only once the shell has become `sleep`: a shell would reap its child itself.
  await until(() => commandOf(parent.pid) === 'sleep', `sh ${parent.pid} never exec'd`);
  process.kill(pid, 'SIGKILL');
  await until(() => processState(pid) === 'Z', `pid ${pid} never became a zombie`);
  return { pid, release: () => parent.kill('SIGKILL') };
}

function commandOf(pid: number | undefined): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

async function until(condition: () => boolean, failure: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
