import { promises as fs } from 'node:fs';

/** Enough for a year of dates x districts of raw folders before the cache starts over. */
const MAX_REMEMBERED = 20_000;

/**
 * Creates folders once: every item of a job writes into folders that an earlier item
 * usually made already, and a recursive mkdir costs a thread-pool round trip each time.
 */
export class DirectoryCache {
  private readonly known = new Set<string>();

  async ensure(dir: string): Promise<void> {
    if (this.known.has(dir)) return;
    await fs.mkdir(dir, { recursive: true });
    if (this.known.size >= MAX_REMEMBERED) this.known.clear();
    this.known.add(dir);
  }

  /** After an ENOENT: someone removed folders under the service; make them again. */
  forget(): void {
    this.known.clear();
  }
}
