import { createHash } from 'node:crypto';
import type { SnapshotStore } from '../storage/snapshot-store';
import { programYearOfDate, programYearStart } from '../domain/program-year';

/**
 * Part of every fingerprint: raise it when the analytics computed from the same snapshots
 * change (a new figure, a fixed formula), so every stored date counts as out of date.
 */
export const ANALYTICS_INPUTS_VERSION = 1;

/** Dates whose versions are read at once: enough to overlap the reads, not a flood. */
const PARALLEL_DATES = 16;

/**
 * What the analytics of one snapshot date are computed from, told cheaply (manifests and
 * listings, never a snapshot body):
 * - the version of each district snapshot of the date: its collection date and when it was
 *   stored (a re-collection of the same date is a new version too);
 * - the collection date of the date's all-districts summary (the ranking);
 * - for each district, the version of the earlier snapshot its membership change compares
 *   with: the nearest earlier date of the same program year holding that district, as
 *   SnapshotAnalyticsGenerator looks it up.
 * The fingerprint is a digest of all of it: equal fingerprints mean equal inputs, so a date
 * whose stored fingerprint matches would be recomputed into the same bytes.
 */
export async function inputFingerprints(
  snapshots: SnapshotStore,
  storedDates: readonly string[],
  selected: readonly string[],
): Promise<Map<string, string>> {
  const fingerprints = new Map<string, string>();
  if (selected.length === 0) return fingerprints;
  // Earlier dates of the first selected date's program year feed its comparisons.
  const from = programYearStart(programYearOfDate(selected[0]));
  const to = selected[selected.length - 1];
  const relevant = storedDates.filter((date) => date >= from && date <= to);
  const inputs = await mapLimited(relevant, PARALLEL_DATES, (date) => dateInputs(snapshots, date));
  const wanted = new Set(selected);
  let programYear = '';
  let latest = new Map<string, { date: string; version: string }>();
  relevant.forEach((date, i) => {
    const year = programYearOfDate(date);
    if (year !== programYear) {
      programYear = year;
      latest = new Map();
    }
    const { versions, summary } = inputs[i];
    const districts = [...versions.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([districtId, version]) => {
        const previous = latest.get(districtId);
        return [districtId, version, previous?.date ?? null, previous?.version ?? null];
      });
    for (const [districtId, version] of versions) latest.set(districtId, { date, version });
    if (!wanted.has(date)) return;
    const text = JSON.stringify({ v: ANALYTICS_INPUTS_VERSION, date, summary, districts });
    fingerprints.set(date, createHash('sha256').update(text).digest('hex'));
  });
  return fingerprints;
}

interface DateInputs {
  readonly versions: ReadonlyMap<string, string>;
  readonly summary: string | null;
}

async function dateInputs(snapshots: SnapshotStore, date: string): Promise<DateInputs> {
  const [districtIds, manifest, summary] = await Promise.all([
    snapshots.listDistrictIds(date),
    snapshots.getManifest(date),
    snapshots.getSummary(date),
  ]);
  const versions = new Map<string, string>();
  for (const districtId of districtIds) {
    const entry = manifest?.districts[districtId];
    if (entry?.status === 'ok') {
      versions.set(districtId, `${entry.collectionDate} ${entry.updatedAt}`);
      continue;
    }
    // A snapshot whose manifest entry a crash kept from being written: its own date.
    const collectionDate = await snapshots.districtSnapshotCollectionDate(date, districtId);
    versions.set(districtId, `${collectionDate ?? 'unknown'} unrecorded`);
  }
  return { versions, summary: summary?.collectionDate ?? null };
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
