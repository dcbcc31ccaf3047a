import * as path from 'node:path';
import { WorkerPool } from '../common/worker-pool';
import { DistrictFigures, figuresOfStoredTexts, StoredDistrictText } from './district-figures';
import type { FiguresTask } from './district-figures.worker';

/** The compiled worker entry beside this file (dist/ only: worker threads cannot load .ts). */
export const FIGURES_WORKER_SCRIPT = path.join(__dirname, 'district-figures.worker.js');

/** A worker's heap ceiling: one task holds a few dozen snapshots of tens of kilobytes. */
const WORKER_HEAP_MB = 64;
/** Districts per task: small enough that several workers share a date. */
const DISTRICTS_PER_TASK = 32;

/**
 * Where the CPU-bound part of analytics (decoding, validating and measuring a date's stored
 * snapshots) runs: in the calling thread, or in worker threads beside the event loop, so the
 * API stays responsive and a second core does the work. The same setting as collection's
 * parsing (PARSE_WORKERS) decides.
 */
export abstract class DistrictFiguresProcessor {
  abstract figures(
    snapshotDate: string,
    districts: readonly StoredDistrictText[],
  ): Promise<DistrictFigures[]>;
}

/** In the calling thread: for tests, scripts, and PARSE_WORKERS=0. */
export class InThreadDistrictFiguresProcessor extends DistrictFiguresProcessor {
  figures(snapshotDate: string, districts: readonly StoredDistrictText[]) {
    return Promise.resolve(figuresOfStoredTexts(snapshotDate, districts));
  }
}

export class WorkerDistrictFiguresProcessor extends DistrictFiguresProcessor {
  private readonly pool: WorkerPool<FiguresTask>;

  constructor(size: number, script = FIGURES_WORKER_SCRIPT) {
    super();
    this.pool = new WorkerPool(size, script, {
      name: 'analytics',
      heapMb: WORKER_HEAP_MB,
      missingHint: 'build the api first, or set PARSE_WORKERS=0',
    });
  }

  async figures(
    snapshotDate: string,
    districts: readonly StoredDistrictText[],
  ): Promise<DistrictFigures[]> {
    const chunks: StoredDistrictText[][] = [];
    for (let i = 0; i < districts.length; i += DISTRICTS_PER_TASK) {
      chunks.push(districts.slice(i, i + DISTRICTS_PER_TASK));
    }
    const results = await Promise.all(
      chunks.map((chunk) =>
        this.pool.submit<DistrictFigures[]>({ snapshotDate, districts: chunk }),
      ),
    );
    return results.flat();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * Like collection's parsing: worker threads unless PARSE_WORKERS=0. Idle workers are
 * unref'd, so they never hold the process open, and they end with it.
 */
export function figuresProcessorFor(config: {
  readonly parseWorkers: number;
}): DistrictFiguresProcessor {
  return config.parseWorkers > 0
    ? new WorkerDistrictFiguresProcessor(config.parseWorkers)
    : new InThreadDistrictFiguresProcessor();
}
