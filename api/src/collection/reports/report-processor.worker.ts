/**
 * Worker-thread entry of WorkerReportProcessor: one task per message. Kept free of Nest and
 * of anything with state, so a worker starts in milliseconds.
 */
import { serveWorkerTasks } from '../../common/worker-entry';
import type { IsoDate } from '../../common/utc-dates';
import type { ReportKind } from '../../domain/report-kinds';
import {
  assembleDistrictItem,
  DistrictAssembly,
  DistrictAssemblyInput,
} from '../snapshot/district-assembly';
import { interpretReportBody, ReportInterpretation } from './report-interpretation';

/** One piece of work, as the pool describes it. */
export type ProcessorJob =
  | {
      readonly task: 'interpret';
      readonly kind: ReportKind;
      readonly requestedDate: IsoDate;
      readonly body: Uint8Array;
    }
  | { readonly task: 'assemble'; readonly input: DistrictAssemblyInput };

/** A job on its way to a worker, with the id its reply will carry. */
export type ProcessorTask = ProcessorJob & { readonly id: number };

serveWorkerTasks<ProcessorTask, ReportInterpretation | DistrictAssembly>(
  'report-processor.worker',
  (message) =>
    message.task === 'interpret'
      ? interpretReportBody(message.kind, message.requestedDate, message.body)
      : assembleDistrictItem(message.input),
);
