import { Injectable } from '@nestjs/common';
import { SnapshotStore, SnapshotSummary } from '../storage/snapshot-store';
import { compareDistrictIds } from '../domain/district-order';

export interface KnownDistricts {
  /** The snapshot date of the summary they come from; null when none is stored. */
  snapshotDate: string | null;
  districts: { id: string; region: string }[];
}

/**
 * How many of the newest snapshot dates are tried for a stored summary. A date can hold
 * district snapshots without its summary (a job over a few districts stores it too, but
 * an old data directory may not have); past this many, the answer is "none known".
 */
const SUMMARY_LOOKBACK_DATES = 14;

/**
 * The districts the dashboard listed in the newest stored summary, so the console can offer
 * them instead of asking for ids from memory. Read from storage only: asking the dashboard
 * would spend its rate limit on a form.
 */
@Injectable()
export class KnownDistrictsService {
  constructor(private readonly snapshots: SnapshotStore) {}

  async latest(): Promise<KnownDistricts> {
    const dates = await this.snapshots.listSnapshotDates();
    for (const date of dates.reverse().slice(0, SUMMARY_LOOKBACK_DATES)) {
      const summary = await this.snapshots.getSummary(date);
      if (summary && summary.districts.length > 0) return fromSummary(summary);
    }
    return { snapshotDate: null, districts: [] };
  }
}

function fromSummary(summary: SnapshotSummary): KnownDistricts {
  const districts = summary.districts
    .map((row) => ({ id: row.districtId, region: row.region }))
    .sort((a, b) => compareDistrictIds(a.id, b.id));
  return { snapshotDate: summary.snapshotDate, districts };
}
