import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { IsoDate } from '../../common/utc-dates';
import { ReportKind } from '../../domain/report-kinds';
import {
  DISTRICT_REPORTS,
  DistrictAssembly,
  DistrictAssemblyInput,
} from '../snapshot/district-assembly';
import { ReportInterpretation } from './report-interpretation';
import { ReportProcessor } from './report-processor';
import type { ProcessorJob, ProcessorReply, ProcessorTask } from './report-processor.worker';

/** The compiled worker entry beside this file (dist/ only: worker threads cannot load .ts). */
export const REPORT_WORKER_SCRIPT = path.join(__dirname, 'report-processor.worker.js');

/**
 * A worker's heap ceiling. Exports are tens of kilobytes; a body that needs more than this
 * kills only its worker (and fails only its item), never the service.
 */
const WORKER_HEAP_MB = 96;

interface PendingTask {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface WorkerSlot {
  readonly worker: Worker;
  readonly pending: Map<number, PendingTask>;
}

/**
 * Runs the processor's work in a small pool of worker threads, so CSV parsing, snapshot
 * building and serialisation happen beside the event loop instead of on it. Workers start
 * with the pool; one that dies is replaced on next use (its in-flight tasks fail with the
 * reason).
 * A worker keeps the process alive only while it has work.
 */
export class WorkerReportProcessor extends ReportProcessor {
  private readonly slots: (WorkerSlot | null)[];
  private nextTaskId = 1;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly script = REPORT_WORKER_SCRIPT,
  ) {
    super();
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError('a worker pool needs at least one worker');
    }
    if (!existsSync(script)) {
      throw new Error(
        `the report worker script ${script} is missing: build the api first, or set PARSE_WORKERS=0`,
      );
    }
    this.slots = Array.from({ length: size }, () => null);
    // Started now, beside the service's own start-up, so that the first item after a
    // restart (a resumed job) does not also wait for a thread to boot and load its modules.
    for (let index = 0; index < size; index++) this.start(index);
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

  async close(): Promise<void> {
    this.closed = true;
    const live = this.slots.filter((slot): slot is WorkerSlot => slot !== null);
    this.slots.fill(null);
    for (const slot of live) failAll(slot, new Error('the report processor was closed'));
    await Promise.all(live.map((slot) => slot.worker.terminate()));
  }

  private submit<T>(job: ProcessorJob, bodies: readonly Uint8Array[]): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the report processor is closed'));
    const slot = this.leastBusySlot();
    const id = this.nextTaskId++;
    const message: ProcessorTask = { ...job, id };
    // Moving the bytes instead of copying them; a view into a shared slab is copied.
    const transfer = bodies.map(wholeBufferOf).filter((b): b is ArrayBuffer => b !== null);
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve, reject });
      if (slot.pending.size === 1) slot.worker.ref();
      slot.worker.postMessage(message, [...new Set(transfer)]);
    });
  }

  private leastBusySlot(): WorkerSlot {
    let best: WorkerSlot | null = null;
    for (let index = 0; index < this.slots.length; index++) {
      const slot = this.slots[index] ?? this.start(index);
      if (slot.pending.size === 0) return slot;
      if (best === null || slot.pending.size < best.pending.size) best = slot;
    }
    return best as WorkerSlot;
  }

  private start(index: number): WorkerSlot {
    const worker = new Worker(this.script, {
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 8 },
    });
    const slot: WorkerSlot = { worker, pending: new Map() };
    worker.on('message', (reply: ProcessorReply) => {
      const task = slot.pending.get(reply.id);
      if (!task) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if ('error' in reply) task.reject(new Error(reply.error));
      else task.resolve(reply.result);
    });
    const retire = (error: Error): void => {
      if (this.slots[index] === slot) this.slots[index] = null;
      failAll(slot, error);
    };
    worker.on('error', (error) => retire(new Error(`report worker failed: ${error.message}`)));
    worker.on('exit', (code) => retire(new Error(`report worker exited with code ${code}`)));
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    this.slots[index] = slot;
    return slot;
  }
}

function failAll(slot: WorkerSlot, error: Error): void {
  const tasks = [...slot.pending.values()];
  slot.pending.clear();
  slot.worker.unref();
  for (const task of tasks) task.reject(error);
}

function wholeBufferOf(body: Uint8Array): ArrayBuffer | null {
  const { buffer } = body;
  return buffer instanceof ArrayBuffer &&
    body.byteOffset === 0 &&
    body.byteLength === buffer.byteLength
    ? buffer
    : null;
}
