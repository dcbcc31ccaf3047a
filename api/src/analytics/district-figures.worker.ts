/**
 * Worker-thread entry of WorkerDistrictFiguresProcessor: one date's stored snapshot texts
 * per message. Free of Nest and of state, so a worker starts in milliseconds.
 */
import { serveWorkerTasks } from '../common/worker-entry';
import { DistrictFigures, figuresOfStoredTexts, StoredDistrictText } from './district-figures';

export interface FiguresTask {
  readonly snapshotDate: string;
  readonly districts: readonly StoredDistrictText[];
}

serveWorkerTasks<FiguresTask & { readonly id: number }, DistrictFigures[]>(
  'district-figures.worker',
  (task) => figuresOfStoredTexts(task.snapshotDate, task.districts),
);
