import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type {
  AnalyticsCostMeasurement,
  SeriesPoint,
  SnapshotAnalytics,
} from '../../domain/analytics.model';
import { programYearStart } from '../../domain/program-year';
import { daysBetween, isIsoDate } from '../../common/utc-dates';
import { AnalyticsStore } from '../analytics-store';
import { StorageError } from '../../domain/storage-errors';
import {
  isErrno,
  readFileHead,
  readFileIfExists,
  removeStaleTempFiles,
  syncDirectory,
  writeFileAtomic,
} from './atomic-file';
import { canonicalJson } from './canonical-json';
import { guardFs } from './fs-errors';
import { parseJsonOrUndefined } from './json-text';

/**
 * One record per day of the program year. 256 divides every sector and page size, so a
 * record never straddles a device write unit; it holds the largest point the validating
 * wrapper admits (figures up to MAX_POINT_FIGURE) with its checksum.
 */
export const SLOT_BYTES = 256;
/** A program year has at most 366 days. */
const SLOTS_PER_YEAR = 366;
const CHECKSUM_CHARS = 8;
const OPEN_BRACE = 0x7b;
const FINGERPRINT_HEAD = /^\{"inputFingerprint":"([0-9a-f]+)"/;
const FINGERPRINT_HEAD_BYTES = 160;

/**
 * Files under `DATA_DIR/analytics/`:
 *
 *   snapshots/<date>.json               one snapshot date: every district and the ranking,
 *                                       wrapped as {"inputFingerprint","analytics"} when
 *                                       saved with the fingerprint of its inputs
 *   series/<district>/<py>.points       one district's program year, fixed-size slots
 *   cost.json                           measured seconds per snapshot, for previews
 *
 * The series file is the design that keeps upserts flat and reads single. Day `d` of the
 * program year (July 1 is day 0) owns bytes `[d * 256, (d + 1) * 256)`: a JSON point, a
 * tab, a checksum, space padding and a newline. Upserting a point writes only its own slot
 * in place (pwrite + fdatasync), so its cost is the same for the first point as for the
 * 366th, and an upsert that finds identical bytes writes nothing. Reading the year is one
 * `readFile` of at most 366 * 256 = 93,696 bytes; never-written days are holes that read as
 * zeros and are skipped. Compared with the alternatives:
 * - an append-only log (upsert appends, readers keep the last line per date, compaction at
 *   2x) also appends in O(1), but a re-run appends duplicates, so the stored bytes differ
 *   between a first and second run until compaction, and compaction rewrites the year;
 * - one file per point needs a directory listing plus one read per point to read a year.
 * A crash during a slot write can tear only that slot; its checksum then fails and the
 * point reads as absent until the item that wrote it is redone (its ledger entry is only
 * written after the upsert returned, so resume redoes it).
 *
 * Snapshot documents are replaced atomically (temp file, fsync, rename) with sorted keys,
 * and skipped when the stored bytes are already the same.
 */
export class LocalAnalyticsStore extends AnalyticsStore {
  private readonly root: string;
  private readonly snapshotsDir: string;
  private readonly seriesDir: string;
  private ready: Promise<void> | null = null;

  constructor(dataDir: string) {
    super();
    this.root = path.join(dataDir, 'analytics');
    this.snapshotsDir = path.join(this.root, 'snapshots');
    this.seriesDir = path.join(this.root, 'series');
  }

  async saveSnapshotAnalytics(
    analytics: SnapshotAnalytics,
    inputFingerprint?: string,
  ): Promise<void> {
    await this.init();
    const file = this.snapshotFile(analytics.snapshotDate);
    // With a fingerprint, it leads the file so getInputFingerprints reads only the head.
    const text =
      inputFingerprint === undefined
        ? canonicalJson(analytics) + '\n'
        : `{"inputFingerprint":"${inputFingerprint}","analytics":${canonicalJson(analytics)}}\n`;
    await guardFs('store the snapshot analytics', async () => {
      if ((await readFileIfExists(file)) === text) return;
      await writeFileAtomic(file, text);
    });
  }

  getSnapshotAnalytics(snapshotDate: string): Promise<SnapshotAnalytics | null> {
    return guardFs('read the snapshot analytics', async () => {
      const text = await readFileIfExists(this.snapshotFile(snapshotDate));
      const value = text === null ? undefined : parseJsonOrUndefined(text);
      if (typeof value !== 'object' || value === null) return null;
      // A SnapshotAnalytics has no `analytics` member: its presence marks the wrapped form.
      const wrapped = (value as { analytics?: unknown }).analytics;
      return (wrapped === undefined ? value : wrapped) as SnapshotAnalytics;
    });
  }

  getInputFingerprints(dates: readonly string[]): Promise<Map<string, string>> {
    return guardFs('read the analytics input fingerprints', async () => {
      const heads = await Promise.all(
        dates.map((date) => readFileHead(this.snapshotFile(date), FINGERPRINT_HEAD_BYTES)),
      );
      const found = new Map<string, string>();
      heads.forEach((head, i) => {
        const match = head === null ? null : FINGERPRINT_HEAD.exec(head);
        if (match) found.set(dates[i], match[1]);
      });
      return found;
    });
  }

  async upsertSeriesPoint(
    districtId: string,
    programYear: string,
    point: SeriesPoint,
  ): Promise<void> {
    const slot = daysBetween(programYearStart(programYear), point.date);
    if (slot < 0 || slot >= SLOTS_PER_YEAR) {
      throw new StorageError(`${point.date} is outside program year ${programYear}`);
    }
    const record = encodeSlot(point);
    const file = this.seriesFile(districtId, programYear);
    await guardFs('store a series point', async () => {
      const { handle, created } = await openForUpdate(file);
      try {
        const offset = slot * SLOT_BYTES;
        const current = Buffer.alloc(SLOT_BYTES);
        const { bytesRead } = await handle.read(current, 0, SLOT_BYTES, offset);
        if (bytesRead === SLOT_BYTES && current.equals(record)) return;
        await handle.write(record, 0, SLOT_BYTES, offset);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      if (created) {
        await syncDirectory(path.dirname(file));
        await syncDirectory(path.dirname(path.dirname(file)));
      }
    });
  }

  getSeriesPoints(districtId: string, programYear: string): Promise<SeriesPoint[]> {
    return guardFs('read a series', async () => {
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(this.seriesFile(districtId, programYear));
      } catch (error) {
        if (isErrno(error, 'ENOENT')) return [];
        throw error;
      }
      return decodeSlots(bytes, programYearStart(programYear));
    });
  }

  getCostMeasurement(): Promise<AnalyticsCostMeasurement | null> {
    return guardFs('read the analytics cost measurement', async () => {
      const text = await readFileIfExists(this.costFile());
      return text === null
        ? null
        : ((parseJsonOrUndefined(text) ?? null) as AnalyticsCostMeasurement | null);
    });
  }

  async saveCostMeasurement(measurement: AnalyticsCostMeasurement): Promise<void> {
    await this.init();
    await guardFs('store the analytics cost measurement', () =>
      writeFileAtomic(this.costFile(), canonicalJson(measurement) + '\n'),
    );
  }

  /** Creates the folders and clears temp files of writes a crash interrupted, once. */
  private init(): Promise<void> {
    this.ready ??= guardFs('prepare the analytics folders', async () => {
      await fs.mkdir(this.snapshotsDir, { recursive: true });
      await removeStaleTempFiles(this.snapshotsDir);
      await removeStaleTempFiles(this.root);
    }).catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private snapshotFile(snapshotDate: string): string {
    return path.join(this.snapshotsDir, `${snapshotDate}.json`);
  }

  private seriesFile(districtId: string, programYear: string): string {
    return path.join(this.seriesDir, districtId, `${programYear}.points`);
  }

  private costFile(): string {
    return path.join(this.root, 'cost.json');
  }
}

/** `{json}\t{checksum}`, space padded, newline terminated: exactly SLOT_BYTES. */
export function encodeSlot(point: SeriesPoint): Buffer {
  const json = canonicalJson(point);
  const body = `${json}\t${checksumOf(json)}`;
  if (Buffer.byteLength(body) > SLOT_BYTES - 1) {
    throw new StorageError(`the ${point.date} point does not fit a ${SLOT_BYTES}-byte record`);
  }
  return Buffer.from(body.padEnd(SLOT_BYTES - 1, ' ') + '\n', 'utf8');
}

/** The valid points of a series file, ascending by date; torn or empty slots are skipped. */
export function decodeSlots(bytes: Buffer, firstDay: string): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (let slot = 0; (slot + 1) * SLOT_BYTES <= bytes.length; slot++) {
    const offset = slot * SLOT_BYTES;
    if (bytes[offset] !== OPEN_BRACE) continue;
    const text = bytes.toString('utf8', offset, offset + SLOT_BYTES).trimEnd();
    const tab = text.lastIndexOf('\t');
    if (tab < 0) continue;
    const json = text.slice(0, tab);
    if (text.slice(tab + 1) !== checksumOf(json)) continue;
    const point = (parseJsonOrUndefined(json) ?? null) as SeriesPoint | null;
    if (
      point &&
      typeof point.date === 'string' &&
      isIsoDate(point.date) &&
      daysBetween(firstDay, point.date) === slot
    ) {
      points.push(point);
    }
  }
  return points;
}

function checksumOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, CHECKSUM_CHARS);
}

async function openForUpdate(file: string): Promise<{ handle: fs.FileHandle; created: boolean }> {
  try {
    return { handle: await fs.open(file, 'r+'), created: false };
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  // O_CREAT without O_EXCL: two first writers of one series both succeed.
  const handle = await fs.open(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
  return { handle, created: true };
}
