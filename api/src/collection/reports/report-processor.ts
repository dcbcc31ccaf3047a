import { IsoDate } from '../../common/utc-dates';
import { ReportKind } from '../../domain/report-kinds';
import {
  assembleDistrictItem,
  DistrictAssembly,
  DistrictAssemblyInput,
} from '../snapshot/district-assembly';
import { interpretReportBody, ReportInterpretation } from './report-interpretation';

/**
 * The CPU-bound part of collection: reading downloaded bodies, and for a district item
 * also building and serialising its snapshot. A port, because where that work happens is
 * a deployment choice: in the calling thread, or in worker threads so that it neither
 * competes with the job's I/O nor delays API requests on the event loop.
 *
 * Bodies passed in may be transferred to another thread: callers must not use them after.
 */
export abstract class ReportProcessor {
  abstract interpret<K extends ReportKind>(
    kind: K,
    requestedDate: IsoDate,
    body: Uint8Array,
  ): Promise<ReportInterpretation<K>>;

  abstract assembleDistrict(input: DistrictAssemblyInput): Promise<DistrictAssembly>;

  /** Releases threads, if any; nothing may be processed after. */
  abstract close(): Promise<void>;
}

/** Processes in the calling thread: for tests, scripts, and PARSE_WORKERS=0. */
export class InThreadReportProcessor extends ReportProcessor {
  interpret<K extends ReportKind>(
    kind: K,
    requestedDate: IsoDate,
    body: Uint8Array,
  ): Promise<ReportInterpretation<K>> {
    return Promise.resolve(interpretReportBody(kind, requestedDate, body));
  }

  assembleDistrict(input: DistrictAssemblyInput): Promise<DistrictAssembly> {
    return Promise.resolve(assembleDistrictItem(input));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
