import { Injectable } from '@nestjs/common';
import { datesInRange, IsoDate } from '../common/utc-dates';
import type { CoverageGrid } from '../domain/coverage';
import { SnapshotStore } from '../storage/snapshot-store';
import { buildCoverageGrid, districtsOf, previousMonthEnd, StoredDate } from './coverage-grid';

/** Dates read at once: enough to hide Firestore's round trips, few enough to stay polite. */
const DATES_IN_FLIGHT = 8;

/**
 * Reads the coverage of a range from storage: per date the raw summary's metadata, the
 * normalised summary and the manifest (three reads, whatever the number of districts),
 * plus the summary of the month end before the range, whose closing days may open it.
 */
@Injectable()
export class CoverageReader {
  constructor(private readonly snapshots: SnapshotStore) {}

  /** `districts`: the rows to show; by default every district stored in the range. */
  async read(from: IsoDate, to: IsoDate, districts?: readonly string[]): Promise<CoverageGrid> {
    const dates = datesInRange(from, to);
    const stored = await mapInFlight(dates, DATES_IN_FLIGHT, (date) => this.readDate(date));
    const monthEndCollections = new Map<IsoDate, IsoDate>();
    for (const day of stored) {
      if (day.summary) monthEndCollections.set(day.date, day.summary.collectionDate);
    }
    const before = previousMonthEnd(from);
    const beforeSummary = await this.snapshots.getSummary(before);
    if (beforeSummary) monthEndCollections.set(before, beforeSummary.collectionDate);
    return buildCoverageGrid(stored, monthEndCollections, districts ?? districtsOf(stored));
  }

  private async readDate(date: IsoDate): Promise<StoredDate> {
    const [summaryMeta, summary, manifest] = await Promise.all([
      this.snapshots.getRawReportMeta(date, 'summary', null),
      this.snapshots.getSummary(date),
      this.snapshots.getManifest(date),
    ]);
    return {
      date,
      summaryMeta,
      summary: summary && {
        collectionDate: summary.collectionDate,
        districts: summary.districts.map((row) => row.districtId),
      },
      manifest: manifest?.districts ?? null,
    };
  }
}

/** `map` with at most `limit` calls pending, results in input order. */
async function mapInFlight<T, R>(
  inputs: readonly T[],
  limit: number,
  map: (input: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await map(inputs[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}
