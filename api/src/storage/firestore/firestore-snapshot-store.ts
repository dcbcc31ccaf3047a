import { CollectionReference, DocumentReference, Firestore } from '@google-cloud/firestore';
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
import { StorageError } from '../../domain/storage-errors';
import {
  decodeStoredSnapshot,
  decodeStoredSnapshotText,
  SNAPSHOT_STORAGE_FORMAT,
} from '../../domain/snapshot-codec';
import { guardFirestore } from './firestore-errors';
import { COLLECTIONS, QUERIES, buildQuery, readAllPages } from './firestore-queries';

/** Firestore's limit is 1 MiB per document; keep clear of it, with room for field names. */
const MAX_DOCUMENT_BYTES = 1_000_000;
const PAGE = 500;
const MAX_BATCH_WRITES = 500;
const MAX_BATCH_BYTES = 8_000_000;
const TRANSACTION_ATTEMPTS = 10;

/**
 * Raw CSVs and normalised snapshots on Cloud Firestore:
 *
 * - `raw-reports/{collectionDate}_{kind}[_{districtId}]`: `{ meta, csv }` (tens of KB).
 * - `snapshots/{snapshotDate}`: a marker that the date has at least one district snapshot,
 *   written in the same transaction as that snapshot; listing dates queries these.
 * - `snapshots/{snapshotDate}/districts/{districtId}`: `{ collectionDate, format: 2, data }`,
 *   where `data` is the compact stored form as one string (snapshot-codec.ts; tens of KB,
 *   one field instead of thousands). Documents written before the compact format hold
 *   `{ collectionDate, snapshot }` with the snapshot as a map; both are read.
 * - `snapshots/{snapshotDate}/manifest/{districtId}`: that district's manifest entry, one
 *   document per district so concurrent items of one date never contend.
 * - `snapshot-summaries/{snapshotDate}`: `{ collectionDate, summary }`.
 *
 * Newer-collection-wins and never-downgrade are decided inside transactions.
 */
export class FirestoreSnapshotStore extends SnapshotStore {
  private readonly mutex = new KeyedMutex();
  private readonly raw: CollectionReference;
  private readonly dates: CollectionReference;
  private readonly summaries: CollectionReference;
  /** Dates whose marker this process has written or seen; markers are never removed. */
  private readonly knownDates = new Set<string>();

  constructor(private readonly db: Firestore) {
    super();
    this.raw = db.collection(COLLECTIONS.rawReports);
    this.dates = db.collection(COLLECTIONS.snapshotDates);
    this.summaries = db.collection(COLLECTIONS.snapshotSummaries);
  }

  saveRawReport(report: RawReport): Promise<void> {
    return this.saveRawReports([report]);
  }

  /** One atomic batch per at most 500 reports (and 8 MB, under the request size cap). */
  override async saveRawReports(reports: readonly RawReport[]): Promise<void> {
    const docs = reports.map((report) => {
      const doc = rawDocument(report);
      assertFits(doc, 'the downloaded CSV');
      return { report, doc, bytes: Buffer.byteLength(doc.csv) };
    });
    await guardFirestore('store the downloaded CSV', async () => {
      let batch = this.db.batch();
      let writes = 0;
      let bytes = 0;
      for (const { report, doc, bytes: size } of docs) {
        if (writes > 0 && (writes >= MAX_BATCH_WRITES || bytes + size > MAX_BATCH_BYTES)) {
          await batch.commit();
          batch = this.db.batch();
          writes = 0;
          bytes = 0;
        }
        const { meta } = report;
        batch.set(this.rawRef(meta.requestedDate, meta.kind, meta.districtId), doc);
        writes++;
        bytes += size;
      }
      if (writes > 0) await batch.commit();
    });
  }

  async getRawReport(
    collectionDate: string,
    kind: ReportKind,
    districtId: string | null,
  ): Promise<RawReport | null> {
    const snapshot = await guardFirestore('read a stored CSV', () =>
      this.rawRef(collectionDate, kind, districtId).get(),
    );
    if (!snapshot.exists) return null;
    const meta: unknown = snapshot.get('meta');
    const csv: unknown = snapshot.get('csv');
    if (typeof csv !== 'string' || typeof meta !== 'object' || meta === null) return null;
    return { meta: meta as RawReport['meta'], csv };
  }

  /** One document lookup reading only the metadata field, not the CSV. */
  override async getRawReportMeta(
    collectionDate: string,
    kind: ReportKind,
    districtId: string | null,
  ): Promise<RawReportMeta | null> {
    const [snapshot] = await guardFirestore('read a stored CSV', () =>
      this.db.getAll(this.rawRef(collectionDate, kind, districtId), { fieldMask: ['meta'] }),
    );
    const meta: unknown = snapshot.exists ? snapshot.get('meta') : null;
    return typeof meta === 'object' && meta !== null ? (meta as RawReportMeta) : null;
  }

  saveDistrictSnapshot(snapshot: DistrictSnapshot): Promise<SaveOutcome> {
    return this.saveEncodedDistrictSnapshot(encodeDistrictSnapshot(snapshot));
  }

  override async saveEncodedDistrictSnapshot(
    snapshot: EncodedDistrictSnapshot,
  ): Promise<SaveOutcome> {
    const { snapshotDate, districtId } = snapshot;
    const districtRef = this.districtRef(snapshotDate, districtId);
    const manifestRef = this.manifestRef(snapshotDate, districtId);
    const doc = {
      collectionDate: snapshot.collectionDate,
      format: SNAPSHOT_STORAGE_FORMAT,
      data: snapshot.json,
    };
    assertFits(doc, 'the snapshot');
    const writeMarker = !this.knownDates.has(snapshotDate);
    const outcome = await this.mutex.run(districtRef.path, () =>
      guardFirestore('store the snapshot', () =>
        this.db.runTransaction<SaveOutcome>(
          async (tx) => {
            const [existing, manifest] = await tx.getAll(districtRef, manifestRef);
            const storedDate: unknown = existing.exists ? existing.get('collectionDate') : null;
            if (typeof storedDate === 'string' && storedDate > snapshot.collectionDate) {
              return 'kept-newer';
            }
            tx.set(districtRef, doc);
            // A blind write: concurrent snapshots of the same date do not conflict on it.
            if (writeMarker) tx.set(this.dates.doc(snapshotDate), { snapshotDate });
            const entry: ManifestEntry = {
              status: 'ok',
              collectionDate: snapshot.collectionDate,
              updatedAt: new Date().toISOString(),
            };
            const current = manifest.exists ? (manifest.data() as ManifestEntry) : null;
            if (!current || shouldReplace(current, entry)) tx.set(manifestRef, entry);
            return 'written';
          },
          { maxAttempts: TRANSACTION_ATTEMPTS },
        ),
      ),
    );
    if (outcome === 'written') this.knownDates.add(snapshotDate);
    return outcome;
  }

  async hasDistrictSnapshot(snapshotDate: string, districtId: string): Promise<boolean> {
    // One document lookup with an empty field mask: existence without the content.
    const [snapshot] = await guardFirestore('check for a stored snapshot', () =>
      this.db.getAll(this.districtRef(snapshotDate, districtId), { fieldMask: [] }),
    );
    return snapshot.exists;
  }

  async districtSnapshotCollectionDate(
    snapshotDate: string,
    districtId: string,
  ): Promise<string | null> {
    // One document lookup reading only the top-level collection date, not the snapshot.
    const [snapshot] = await guardFirestore('check for a stored snapshot', () =>
      this.db.getAll(this.districtRef(snapshotDate, districtId), {
        fieldMask: ['collectionDate'],
      }),
    );
    const value: unknown = snapshot.exists ? snapshot.get('collectionDate') : null;
    return typeof value === 'string' ? value : null;
  }

  async getDistrictSnapshot(
    snapshotDate: string,
    districtId: string,
  ): Promise<DistrictSnapshot | null> {
    const snapshot = await guardFirestore('read a snapshot', () =>
      this.districtRef(snapshotDate, districtId).get(),
    );
    if (!snapshot.exists) return null;
    const data: unknown = snapshot.get('data');
    const decoded =
      typeof data === 'string'
        ? decodeStoredSnapshotText(data)
        : decodeStoredSnapshot(snapshot.get('snapshot'));
    return decoded ?? null;
  }

  async getDistrictSnapshotText(snapshotDate: string, districtId: string) {
    const snapshot = await guardFirestore('read a snapshot', () =>
      this.districtRef(snapshotDate, districtId).get(),
    );
    if (!snapshot.exists) return null;
    const data: unknown = snapshot.get('data');
    if (typeof data === 'string') return data;
    // Format 1: the snapshot as a map, which is its JSON form.
    const map: unknown = snapshot.get('snapshot');
    return typeof map === 'object' && map !== null ? JSON.stringify(map) : null;
  }

  async saveSummary(summary: SnapshotSummary): Promise<SaveOutcome> {
    const ref = this.summaries.doc(summary.snapshotDate);
    const doc = { collectionDate: summary.collectionDate, summary };
    assertFits(doc, 'the district summary');
    return this.mutex.run(ref.path, () =>
      guardFirestore('store the district summary', () =>
        this.db.runTransaction<SaveOutcome>(
          async (tx) => {
            const existing = await tx.get(ref);
            const storedDate: unknown = existing.exists ? existing.get('collectionDate') : null;
            if (typeof storedDate === 'string' && storedDate > summary.collectionDate) {
              return 'kept-newer';
            }
            tx.set(ref, doc);
            return 'written';
          },
          { maxAttempts: TRANSACTION_ATTEMPTS },
        ),
      ),
    );
  }

  async getSummary(snapshotDate: string): Promise<SnapshotSummary | null> {
    const snapshot = await guardFirestore('read the district summary', () =>
      this.summaries.doc(snapshotDate).get(),
    );
    const value: unknown = snapshot.exists ? snapshot.get('summary') : null;
    return typeof value === 'object' && value !== null ? (value as SnapshotSummary) : null;
  }

  async recordManifestStatus(
    snapshotDate: string,
    districtId: string,
    entry: ManifestEntry,
  ): Promise<void> {
    const ref = this.manifestRef(snapshotDate, districtId);
    await this.mutex.run(ref.path, () =>
      guardFirestore('update the snapshot manifest', () =>
        this.db.runTransaction(
          async (tx) => {
            const existing = await tx.get(ref);
            const current = existing.exists ? (existing.data() as ManifestEntry) : null;
            if (!current || shouldReplace(current, entry)) tx.set(ref, entry);
          },
          { maxAttempts: TRANSACTION_ATTEMPTS },
        ),
      ),
    );
  }

  async getManifest(snapshotDate: string): Promise<SnapshotManifest | null> {
    const docs = await guardFirestore('read the snapshot manifest', () =>
      readAllPages(
        buildQuery(
          this.dates.doc(snapshotDate).collection(COLLECTIONS.snapshotManifest),
          QUERIES.manifestPage,
          {},
        ),
        PAGE,
      ),
    );
    if (docs.length === 0) return null;
    const districts: Record<string, ManifestEntry> = {};
    for (const doc of docs) districts[doc.id] = doc.data() as ManifestEntry;
    return { snapshotDate, districts };
  }

  async listSnapshotDates(range: DateRange = {}): Promise<string[]> {
    const query = buildQuery(this.dates, QUERIES.snapshotDatesPage, {
      from: range.startDate,
      to: range.endDate,
    }).select('snapshotDate');
    const docs = await guardFirestore('list snapshot dates', () => readAllPages(query, PAGE));
    return docs.map((doc) => doc.id);
  }

  async listDistrictIds(snapshotDate: string): Promise<string[]> {
    const query = buildQuery(
      this.dates.doc(snapshotDate).collection(COLLECTIONS.snapshotDistricts),
      QUERIES.snapshotDistrictsPage,
      {},
    ).select();
    const docs = await guardFirestore('list snapshot districts', () => readAllPages(query, PAGE));
    return docs.map((doc) => doc.id);
  }

  private rawRef(collectionDate: string, kind: ReportKind, districtId: string | null) {
    const id =
      districtId === null ? `${collectionDate}_${kind}` : `${collectionDate}_${kind}_${districtId}`;
    return this.raw.doc(id);
  }

  private districtRef(snapshotDate: string, districtId: string): DocumentReference {
    return this.dates.doc(snapshotDate).collection(COLLECTIONS.snapshotDistricts).doc(districtId);
  }

  private manifestRef(snapshotDate: string, districtId: string): DocumentReference {
    return this.dates.doc(snapshotDate).collection(COLLECTIONS.snapshotManifest).doc(districtId);
  }
}

/** A good snapshot is never downgraded by a later failure; newer data replaces older. */
function shouldReplace(current: ManifestEntry, next: ManifestEntry): boolean {
  if (next.status === 'ok') return next.collectionDate >= current.collectionDate;
  if (current.status === 'ok') return false;
  return next.collectionDate >= current.collectionDate;
}

function rawDocument(report: RawReport) {
  const { meta } = report;
  return {
    collectionDate: meta.requestedDate,
    kind: meta.kind,
    districtId: meta.districtId,
    meta,
    csv: report.csv,
  };
}

/** Refuses, with a clear message, a document Firestore would reject for its size. */
function assertFits(doc: object, what: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(doc));
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw new StorageError(
      `Could not store ${what}: ${bytes} bytes exceed one Firestore document (1 MiB)`,
    );
  }
}
