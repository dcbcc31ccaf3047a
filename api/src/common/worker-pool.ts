import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

interface PendingTask {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface WorkerSlot {
  readonly worker: Worker;
  readonly pending: Map<number, PendingTask>;
}

/** What a worker entry (see serveWorkerTasks) answers to one task. */
export type WorkerReply<R> = { readonly id: number; readonly result: R } | WorkerErrorReply;

interface WorkerErrorReply {
  readonly id: number;
  readonly error: string;
}

export interface WorkerPoolOptions {
  /** Named in errors: "the report worker exited with code 1". */
  readonly name: string;
  /** A worker's old-generation heap ceiling: a task that needs more kills only its worker. */
  readonly heapMb: number;
  /** Said when the compiled script is missing, e.g. which setting turns the pool off. */
  readonly missingHint: string;
}

/**
 * A small pool of worker threads, each fed tasks as messages `{ ...task, id }` and answering
 * `{ id, result }` or `{ id, error }` (serveWorkerTasks writes that side). Tasks go to the
 * least busy worker. Workers start with the pool, so the first task does not wait for a
 * thread to boot; one that dies is replaced on next use, its in-flight tasks failing with the
 * reason. A worker keeps the process alive only while it has work.
 */
export class WorkerPool<Task extends object> {
  private readonly slots: (WorkerSlot | null)[];
  private nextTaskId = 1;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly script: string,
    private readonly options: WorkerPoolOptions,
  ) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError('a worker pool needs at least one worker');
    }
    if (!existsSync(script)) {
      throw new Error(
        `the ${options.name} worker script ${script} is missing: ${options.missingHint}`,
      );
    }
    this.slots = Array.from({ length: size }, () => null);
    for (let index = 0; index < size; index++) this.start(index);
  }

  /** Runs one task; `transfer` lists buffers moved to the worker instead of copied. */
  submit<R>(task: Task, transfer: readonly ArrayBuffer[] = []): Promise<R> {
    if (this.closed) return Promise.reject(new Error(`the ${this.options.name} pool is closed`));
    const slot = this.leastBusySlot();
    const id = this.nextTaskId++;
    return new Promise<R>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve, reject });
      if (slot.pending.size === 1) slot.worker.ref();
      slot.worker.postMessage({ ...task, id }, [...new Set(transfer)]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const live = this.slots.filter((slot): slot is WorkerSlot => slot !== null);
    this.slots.fill(null);
    for (const slot of live) failAll(slot, new Error(`the ${this.options.name} pool was closed`));
    await Promise.all(live.map((slot) => slot.worker.terminate()));
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
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb, maxYoungGenerationSizeMb: 8 },
    });
    const slot: WorkerSlot = { worker, pending: new Map() };
    worker.on('message', (reply: WorkerReply<unknown>) => {
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
    const name = this.options.name;
    worker.on('error', (error) => retire(new Error(`${name} worker failed: ${error.message}`)));
    worker.on('exit', (code) => retire(new Error(`${name} worker exited with code ${code}`)));
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
