import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ReportKind } from '../../domain/report-kinds';
import type { DistrictSnapshot } from '../../domain/district-snapshot';
import { KeyedMutex } from '../../common/keyed-mutex';
import {
  DateRange,
  EncodedDistrictSnapshot,
  encodeDistrictSnapshot,
  ManifestEntry,
  RawReport,
  RawReportMeta,
  SaveOutcome,
  SnapshotManifest,
  SnapshotStore,
  SnapshotSummary,
} from '../snapshot-store';
import {
  appendToFile,
  isErrno,
  readFileHead,
  readFileIfExists,
  removeStaleTempFiles,
  writeFileAtomic,
  writeFilesAtomic,
} from './atomic-file';
import { DirectoryCache } from './directory-cache';
import { parseJsonOrUndefined } from './json-text';
import { guardFs } from './fs-errors';
import { decodeStoredSnapshotText } from '../../domain/snapshot-codec';

/**
 * Raw CSVs under `DATA_DIR/raw/<collectionDate>/`, normalised snapshots under
 * `DATA_DIR/snapshots/<snapshotDate>/`. Every file is written atomically; the snapshot
 * document is written after its raw files, so a visible snapshot is always complete.
 */
export class LocalSnapshotStore extends SnapshotStore {
  private readonly rawDir: string;
  private readonly snapshotsDir: string;
  private readonly mutex = new KeyedMutex();
  private readonly dirs = new DirectoryCache();
  private ready: Promise<void> | null = null;

  constructor(dataDir: string) {
    super();
    this.rawDir = path.join(dataDir, 'raw');
    this.snapshotsDir = path.join(dataDir, 'snapshots');
  }

  /**
   * Temp files of interrupted writes gather in one `.tmp` folder per tree (same file
   * system as the targets, so renames stay atomic), cleared once at first use instead of
   * searching every date folder.
   */
  private init(): Promise<void> {
    this.ready ??= guardFs('prepare the snapshot folders', async () => {
      for (const root of [this.rawDir, this.snapshotsDir]) {
        await fs.mkdir(tempDirOf(root), { recursive: true });
        await removeStaleTempFiles(tempDirOf(root));
      }
    }).catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private write(root: string, target: string, data: string): Promise<void> {
    return writeFileAtomic(target, data, tempDirOf(root));
  }

  saveRawReport(report: RawReport): Promise<void> {
    return this.saveRawReports([report]);
  }

  /** One batch: every CSV, then every metadata file, with one directory sync. */
  override async saveRawReports(reports: readonly RawReport[]): Promise<void> {
    await this.init();
    const bases = reports.map((r) =>
      this.rawBase(r.meta.requestedDate, r.meta.kind, r.meta.districtId),
    );
    await this.guardWrite('store the downloaded CSV', async () => {
      for (const dir of new Set(bases.map((base) => path.dirname(base)))) {
        await this.dirs.ensure(dir);
      }
      // Metadata last: a raw report counts as stored once its metadata exists.
      await writeFilesAtomic(
        [
          ...reports.map((r, i) => ({ target: `${bases[i]}.csv`, data: r.csv })),
          ...reports.map((r, i) => ({
            target: `${bases[i]}.meta.json`,
            data: JSON.stringify(r.meta, null, 2) + '\n',
          })),
        ],
        tempDirOf(this.rawDir),
      );
    });
  }

  async getRawReport(
    collectionDate: string,
    kind: ReportKind,
    districtId: string | null,
  ): Promise<RawReport | null> {
    const base = this.rawBase(collectionDate, kind, districtId);
    return guardFs('read a stored CSV', async () => {
      const metaText = await readFileIfExists(`${base}.meta.json`);
      const csv = await readFileIfExists(`${base}.csv`);
      if (metaText === null || csv === null) return null;
      const meta = parseJsonOrUndefined(metaText) as RawReport['meta'] | undefined;
      return meta ? { meta, csv } : null;
    });
  }

  /** Only the small metadata file, never the CSV beside it. */
  override getRawReportMeta(
    collectionDate: string,
    kind: ReportKind,
    districtId: string | null,
  ): Promise<RawReportMeta | null> {
    const base = this.rawBase(collectionDate, kind, districtId);
    return guardFs('read a stored CSV', () => this.readJson<RawReportMeta>(`${base}.meta.json`));
  }

  saveDistrictSnapshot(snapshot: DistrictSnapshot): Promise<SaveOutcome> {
    return this.saveEncodedDistrictSnapshot(encodeDistrictSnapshot(snapshot));
  }

  override async saveEncodedDistrictSnapshot(
    encoded: EncodedDistrictSnapshot,
  ): Promise<SaveOutcome> {
    await this.init();
    const file = this.districtFile(encoded.snapshotDate, encoded.districtId);
    return this.mutex.run(file, () =>
      this.guardWrite('store the snapshot', async () => {
        const existing = await this.storedCollectionDate(file);
        if (existing !== null && existing > encoded.collectionDate) return 'kept-newer';
        await this.dirs.ensure(path.dirname(file));
        await this.write(this.snapshotsDir, file, encoded.json);
        await this.updateManifest(encoded.snapshotDate, encoded.districtId, {
          status: 'ok',
          collectionDate: encoded.collectionDate,
          updatedAt: new Date().toISOString(),
        });
        return 'written';
      }),
    );
  }

  async hasDistrictSnapshot(snapshotDate: string, districtId: string): Promise<boolean> {
    return guardFs('check for a stored snapshot', async () => {
      try {
        await fs.access(this.districtFile(snapshotDate, districtId));
        return true;
      } catch (error) {
        if (isErrno(error, 'ENOENT')) return false;
        throw error;
      }
    });
  }

  districtSnapshotCollectionDate(snapshotDate: string, districtId: string): Promise<string | null> {
    return guardFs('check for a stored snapshot', () =>
      this.storedCollectionDate(this.districtFile(snapshotDate, districtId)),
    );
  }

  getDistrictSnapshot(snapshotDate: string, districtId: string): Promise<DistrictSnapshot | null> {
    return guardFs('read a snapshot', async () => {
      // Either stored format: compact (2) or the object itself (1, written before).
      const text = await readFileIfExists(this.districtFile(snapshotDate, districtId));
      return text === null ? null : (decodeStoredSnapshotText(text) ?? null);
    });
  }

  getDistrictSnapshotText(snapshotDate: string, districtId: string): Promise<string | null> {
    return guardFs('read a snapshot', () =>
      readFileIfExists(this.districtFile(snapshotDate, districtId)),
    );
  }

  async saveSummary(summary: SnapshotSummary): Promise<SaveOutcome> {
    await this.init();
    const file = path.join(this.snapshotsDir, summary.snapshotDate, 'summary.json');
    return this.mutex.run(file, () =>
      this.guardWrite('store the district summary', async () => {
        const existing = await this.readJson<SnapshotSummary>(file);
        if (existing && existing.collectionDate > summary.collectionDate) return 'kept-newer';
        await this.dirs.ensure(path.dirname(file));
        await this.write(this.snapshotsDir, file, JSON.stringify(summary));
        return 'written';
      }),
    );
  }

  getSummary(snapshotDate: string): Promise<SnapshotSummary | null> {
    return guardFs('read the district summary', () =>
      this.readJson<SnapshotSummary>(path.join(this.snapshotsDir, snapshotDate, 'summary.json')),
    );
  }

  async recordManifestStatus(
    snapshotDate: string,
    districtId: string,
    entry: ManifestEntry,
  ): Promise<void> {
    await this.init();
    await this.guardWrite('update the snapshot manifest', () =>
      this.updateManifest(snapshotDate, districtId, entry),
    );
  }

  getManifest(snapshotDate: string): Promise<SnapshotManifest | null> {
    return guardFs('read the snapshot manifest', () => this.readManifest(snapshotDate));
  }

  async listSnapshotDates(range: DateRange = {}): Promise<string[]> {
    return guardFs('list snapshot dates', async () => {
      const names = await fs.readdir(this.snapshotsDir).catch((error: unknown) => {
        if (isErrno(error, 'ENOENT')) return [] as string[];
        throw error;
      });
      const dates = names
        .filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name))
        .filter(
          (d) =>
            (!range.startDate || d >= range.startDate) && (!range.endDate || d <= range.endDate),
        )
        .sort();
      const withData = await Promise.all(
        dates.map(async (date) => ((await this.listDistrictIds(date)).length > 0 ? date : null)),
      );
      return withData.filter((d): d is string => d !== null);
    });
  }

  async listDistrictIds(snapshotDate: string): Promise<string[]> {
    return guardFs('list snapshot districts', async () => {
      const names = await fs
        .readdir(path.join(this.snapshotsDir, snapshotDate, 'districts'))
        .catch((error: unknown) => {
          if (isErrno(error, 'ENOENT')) return [] as string[];
          throw error;
        });
      return names
        .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
        .map((n) => n.slice(0, -'.json'.length))
        .sort();
    });
  }

  /**
   * The manifest is an append-only log per date, folded on read with the never-downgrade
   * rule: recording a district's status is one small append, never a rewrite that every
   * item of the date would queue behind.
   */
  private async updateManifest(snapshotDate: string, districtId: string, entry: ManifestEntry) {
    const file = this.manifestFile(snapshotDate);
    await this.dirs.ensure(path.dirname(file));
    await appendToFile(file, JSON.stringify({ districtId, ...entry }) + '\n');
  }

  private async readManifest(snapshotDate: string): Promise<SnapshotManifest | null> {
    const text = await readFileIfExists(this.manifestFile(snapshotDate));
    if (text === null) return null;
    const districts: Record<string, ManifestEntry> = {};
    for (const line of text.split('\n')) {
      // A line torn by a power loss is unreadable and ignored; its item is redone anyway.
      const value = line
        ? (parseJsonOrUndefined(line) as (ManifestEntry & { districtId?: string }) | undefined)
        : undefined;
      if (!value?.districtId || !value.status) continue;
      const { districtId, ...entry } = value;
      const current = districts[districtId];
      if (!current || shouldReplace(current, entry)) districts[districtId] = entry;
    }
    return { snapshotDate, districts };
  }

  private rawBase(collectionDate: string, kind: ReportKind, districtId: string | null): string {
    return districtId === null
      ? path.join(this.rawDir, collectionDate, kind)
      : path.join(this.rawDir, collectionDate, districtId, kind);
  }

  private districtFile(snapshotDate: string, districtId: string): string {
    return path.join(this.snapshotsDir, snapshotDate, 'districts', `${districtId}.json`);
  }

  private manifestFile(snapshotDate: string): string {
    return path.join(this.snapshotsDir, snapshotDate, 'manifest.jsonl');
  }

  /** The collection date of a stored snapshot, from the head of its file when possible. */
  private async storedCollectionDate(file: string): Promise<string | null> {
    const head = await readFileHead(file, 64);
    if (head === null) return null;
    const match = /^\{"collectionDate":"(\d{4}-\d{2}-\d{2})"/.exec(head);
    if (match) return match[1];
    const text = await readFileIfExists(file);
    return text === null ? null : (decodeStoredSnapshotText(text)?.collectionDate ?? null);
  }

  /** guardFs for writes; a missing folder means someone removed it, so it is made again. */
  private async guardWrite<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return guardFs(what, async () => {
      try {
        return await operation();
      } catch (error) {
        if (isErrno(error, 'ENOENT')) this.dirs.forget();
        throw error;
      }
    });
  }

  private async readJson<T>(file: string): Promise<T | null> {
    const text = await readFileIfExists(file);
    if (text === null) return null;
    const value = parseJsonOrUndefined(text);
    return value === undefined ? null : (value as T);
  }
}

function tempDirOf(root: string): string {
  return path.join(root, '.tmp');
}

/** A good snapshot is never downgraded by a later failure; newer data replaces older. */
function shouldReplace(current: ManifestEntry, next: ManifestEntry): boolean {
  if (next.status === 'ok') return next.collectionDate >= current.collectionDate;
  if (current.status === 'ok') return false;
  return next.collectionDate >= current.collectionDate;
}
