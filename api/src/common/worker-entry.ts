import { parentPort } from 'node:worker_threads';
import { errorMessage } from './error-message';
import type { WorkerReply } from './worker-pool';

/**
 * The worker side of WorkerPool: answers each task message with `run`'s result, or with
 * the error it threw (which fails that task only).
 */
export function serveWorkerTasks<Task extends { readonly id: number }, R>(
  name: string,
  run: (task: Task) => R,
): void {
  if (!parentPort) throw new Error(`${name} must run in a worker thread`);
  const port = parentPort;
  port.on('message', (task: Task) => {
    let reply: WorkerReply<R>;
    try {
      reply = { id: task.id, result: run(task) };
    } catch (error) {
      reply = { id: task.id, error: errorMessage(error) };
    }
    port.postMessage(reply);
  });
}
