import * as path from 'node:path';
import { WorkerPool } from '../../common/worker-pool';
import { IsoDate } from '../../common/utc-dates';
import { ReportKind } from '../../domain/report-kinds';
import {
  DISTRICT_REPORTS,
  DistrictAssembly,
  DistrictAssemblyInput,
} from '../snapshot/district-assembly';
import { ReportInterpretation } from './report-interpretation';
import { ReportProcessor } from './report-processor';
import type { ProcessorJob } from './report-processor.worker';

/** The compiled worker entry beside this file (dist/ only: worker threads cannot load .ts). */
export const REPORT_WORKER_SCRIPT = path.join(__dirname, 'report-processor.worker.js');

/**
 * A worker's heap ceiling. Exports are tens of kilobytes; a body that needs more than this
 * kills only its worker (and fails only its item), never the service.
 */
const WORKER_HEAP_MB = 96;

/**
 * Runs the processor's work in a small pool of worker threads (common/worker-pool.ts), so
 * CSV parsing, snapshot building and serialisation happen beside the event loop instead of
 * on it.
 */
export class WorkerReportProcessor extends ReportProcessor {
  private readonly pool: WorkerPool<ProcessorJob>;

  constructor(
    readonly size: number,
    script = REPORT_WORKER_SCRIPT,
  ) {
    super();
    // Started now, beside the service's own start-up, so that the first item after a
    // restart (a resumed job) does not also wait for a thread to boot and load its modules.
    this.pool = new WorkerPool(size, script, {
      name: 'report',
      heapMb: WORKER_HEAP_MB,
      missingHint: 'build the api first, or set PARSE_WORKERS=0',
    });
  }

  interpret<K extends ReportKind>(
    kind: K,
    requestedDate: IsoDate,
    body: Uint8Array,
  ): Promise<ReportInterpretation<K>> {
    return this.submit({ task: 'interpret', kind, requestedDate, body }, [body]);
  }

  assembleDistrict(input: DistrictAssemblyInput): Promise<DistrictAssembly> {
    const bodies = DISTRICT_REPORTS.map((kind) => input.reports[kind].body);
    return this.submit({ task: 'assemble', input }, bodies);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private submit<T>(job: ProcessorJob, bodies: readonly Uint8Array[]): Promise<T> {
    // Moving the bytes instead of copying them; a view into a shared slab is copied.
    const transfer = bodies.map(wholeBufferOf).filter((b): b is ArrayBuffer => b !== null);
    return this.pool.submit<T>(job, transfer);
  }
}

function wholeBufferOf(body: Uint8Array): ArrayBuffer | null {
  const { buffer } = body;
  return buffer instanceof ArrayBuffer &&
    body.byteOffset === 0 &&
    body.byteLength === buffer.byteLength
    ? buffer
    : null;
}
