import { randomBytes } from 'node:crypto';
import {
  CollectionReference,
  DocumentReference,
  DocumentSnapshot,
  FieldValue,
  Firestore,
  Transaction,
} from '@google-cloud/firestore';
import { Logger } from '@nestjs/common';
import { KeyedMutex } from '../../common/keyed-mutex';
import {
  JobRecord,
  LedgerEntry,
  TERMINAL_STATUSES,
  isActiveStatus,
  isTerminalStatus,
} from '../../domain/job.model';
import {
  DEFAULT_RATE_LIMIT_CONFIG,
  RATE_LIMIT_BOUNDS,
  RateLimitConfig,
  validateRateLimitConfig,
} from '../../domain/rate-limit-config';
import {
  EMPTY_SCHEDULE_STATE,
  ScheduleMutation,
  ScheduleState,
  isScheduleState,
} from '../../domain/schedule-state';
import { CreateJobResult, JobMutation, JobPage, JobStore, ListJobsQuery } from '../job-store';
import type { JobWatcher, Unwatch } from '../job-store';
import { isJobRecordShape, isLedgerEntryShape } from '../job-record-shape';
import {
  ActiveJobLockHeldError,
  JobActiveError,
  JobNotFoundError,
  StorageError,
} from '../../domain/storage-errors';
import { MutationFailure, guardFirestore } from './firestore-errors';
import { COLLECTIONS, QUERIES, buildQuery, readAllPages } from './firestore-queries';

/** Firestore allows 500 writes per batch and 1 MiB per document. */
const MAX_BATCH_WRITES = 500;
const MAX_LEDGER_DOC_BYTES = 256 * 1024;
const MAX_LEDGER_DOC_ENTRIES = 1000;
const LEDGER_PAGE = 500;
/** Several instances can meet on one job document; the client backs off between tries. */
const TRANSACTION_ATTEMPTS = 10;
const PING_TIMEOUT_MS = 5000;
const LOCK_KEY = 'active-job-lock';
const SCHEDULE_KEY = 'schedule-state';

const RATE_LIMIT_FIELDS = Object.keys(RATE_LIMIT_BOUNDS) as (keyof RateLimitConfig)[];

/**
 * Jobs on Cloud Firestore, safe with several service instances on one database:
 *
 * - `backfill-jobs/{jobId}`: the job record as is (small and bounded by design).
 * - `backfill-jobs/{jobId}/ledger/{key}`: append-only item ledger, one document per
 *   append (split so no document exceeds 256 KiB), ordered by commit time, then key.
 * - `locks/active-job`: `{ jobId }`, the single-active-job lock, written only inside the
 *   transaction that creates the job, removed by the transaction that ends it.
 * - `config/rate-limit`: the saved rate-limit config.
 * - `config/schedule`: `{ state }`, the daily schedule's state.
 *
 * Expects a client from `createFirestoreClient` (undefined fields are left out).
 * Every read-modify-write is a Firestore transaction, so writers on other instances are
 * never overwritten; within this process writers of one document queue up first, so
 * they do not make each other's transactions retry.
 */
export class FirestoreJobStore extends JobStore {
  private readonly logger = new Logger('FirestoreJobStore');
  private readonly mutex = new KeyedMutex();
  private readonly jobs: CollectionReference;
  private readonly lockRef: DocumentReference;
  private readonly rateLimitRef: DocumentReference;
  private readonly scheduleRef: DocumentReference;
  /** Distinguishes this process's ledger keys from other instances' in the same ms. */
  private readonly instanceTag = randomBytes(4).toString('hex');
  private ledgerSequence = 0;

  constructor(private readonly db: Firestore) {
    super();
    this.jobs = db.collection(COLLECTIONS.jobs);
    this.lockRef = db.collection(COLLECTIONS.locks).doc('active-job');
    this.rateLimitRef = db.collection(COLLECTIONS.config).doc('rate-limit');
    this.scheduleRef = db.collection(COLLECTIONS.config).doc('schedule');
  }

  async createJob(job: JobRecord): Promise<CreateJobResult> {
    const stored: JobRecord = { ...job, revision: 1 };
    if (!isActiveStatus(job.status)) {
      // A finished job (imports, tests) never holds the lock, so it need not read it.
      await guardFirestore('store the job', () => this.jobRef(job.id).create(stored));
      return { created: true, job: structuredClone(stored) };
    }
    return this.mutex.run(LOCK_KEY, () =>
      guardFirestore('create the job', () =>
        this.db.runTransaction<CreateJobResult>(
          async (tx) => {
            const activeJobId = await this.activeLockHolder(tx, job.id);
            if (activeJobId) return { created: false, activeJobId };
            // The lock is free, or names a finished, paused or missing job: take it.
            tx.set(this.lockRef, { jobId: job.id, acquiredAt: job.createdAt });
            tx.create(this.jobRef(job.id), stored);
            return { created: true, job: structuredClone(stored) };
          },
          { maxAttempts: TRANSACTION_ATTEMPTS },
        ),
      ),
    );
  }

  async getJob(id: string): Promise<JobRecord | null> {
    const snapshot = await guardFirestore('read the job', () => this.jobRef(id).get());
    return snapshot.exists ? parseJob(snapshot) : null;
  }

  async updateJob(id: string, mutate: JobMutation): Promise<JobRecord> {
    const ref = this.jobRef(id);
    return this.mutex.run(id, () =>
      guardFirestore('update the job', () =>
        this.db.runTransaction(
          async (tx) => {
            const snapshot = await tx.get(ref);
            if (!snapshot.exists) throw new JobNotFoundError(id);
            const current = parseJob(snapshot);
            // Runs again on every retry, against the then-current document.
            const next = applyMutation(mutate, current);
            if (!next) return current;
            const stored: JobRecord = { ...next, id, revision: current.revision + 1 };
            if (isActiveStatus(stored.status) && !isActiveStatus(current.status)) {
              // Made active again (a resume): it takes the lock in this same transaction.
              const activeJobId = await this.activeLockHolder(tx, id);
              if (activeJobId) throw new MutationFailure(new ActiveJobLockHeldError(activeJobId));
              tx.set(this.lockRef, { jobId: id, acquiredAt: stored.updatedAt });
            } else if (!isActiveStatus(stored.status)) {
              const lock = await tx.get(this.lockRef);
              if (lockHolder(lock) === id) tx.delete(this.lockRef);
            }
            tx.set(ref, stored);
            return structuredClone(stored);
          },
          { maxAttempts: TRANSACTION_ATTEMPTS },
        ),
      ),
    );
  }

  /**
   * A real-time listener (`onSnapshot`) on the job document: a write from any instance
   * reaches the watcher within the listener's latency, typically tens of milliseconds. The
   * client library re-establishes the stream after transient errors by itself; an error it
   * reports here is final for this listener.
   */
  watchJob(id: string, watcher: JobWatcher): Unwatch {
    let watching = true;
    let lastRevision = -1;
    const fail = (error: Error): void => {
      if (!watching) return;
      unwatch();
      watcher.failed(error);
    };
    const stopListening = this.jobRef(id).onSnapshot(
      (snapshot) => {
        if (!watching || !snapshot.exists) return;
        let job: JobRecord;
        try {
          job = parseJob(snapshot);
        } catch (error) {
          fail(error instanceof Error ? error : new StorageError(String(error)));
          return;
        }
        if (job.revision <= lastRevision) return;
        lastRevision = job.revision;
        watcher.changed(job);
      },
      (error) =>
        fail(new StorageError(`The listener on job ${id} failed: ${error.message}`, error)),
    );
    const unwatch = (): void => {
      if (!watching) return;
      watching = false;
      stopListening();
    };
    return unwatch;
  }

  async listJobs(query: ListJobsQuery): Promise<JobPage> {
    const statuses = [...new Set(query.statuses ?? [])];
    const values = {
      statuses: statuses.length > 0 ? statuses : undefined,
      jobType: query.jobType,
    };
    return guardFirestore('list jobs', async () => {
      const page =
        query.limit > 0
          ? buildQuery(this.jobs, QUERIES.jobsPage, values)
              .offset(query.offset)
              .limit(query.limit)
              .get()
          : null;
      const count = buildQuery(this.jobs, QUERIES.jobsCount, values).count().get();
      const [docs, total] = await Promise.all([page, count]);
      return {
        jobs: docs ? docs.docs.map((doc) => parseJob(doc)) : [],
        total: total.data().count,
      };
    });
  }

  async findActiveJob(): Promise<JobRecord | null> {
    return guardFirestore('find the active job', async () => {
      const holderId = lockHolder(await this.lockRef.get());
      if (holderId === null) return null;
      const holder = await this.jobRef(holderId).get();
      const job = holder.exists ? parseJob(holder) : null;
      return job && isActiveStatus(job.status) ? job : null;
    });
  }

  async findFinishedBefore(cutoffIso: string, limit: number): Promise<JobRecord[]> {
    if (limit <= 0) return [];
    return guardFirestore('list finished jobs', async () => {
      const snapshot = await buildQuery(this.jobs, QUERIES.jobsFinishedBefore, {
        terminal: [...TERMINAL_STATUSES],
        before: cutoffIso,
      })
        .limit(limit)
        .get();
      return snapshot.docs.map((doc) => parseJob(doc));
    });
  }

  async deleteJob(id: string): Promise<void> {
    await this.mutex.run(id, () =>
      guardFirestore('delete the job', async () => {
        const snapshot = await this.jobRef(id).get();
        if (!snapshot.exists) return;
        // Terminal is final, so the job cannot become active again meanwhile.
        if (!isTerminalStatus(parseJob(snapshot).status)) throw new JobActiveError(id);
        // Ledger first: if this stops half-way the job is still there to be deleted again.
        await this.db.recursiveDelete(this.ledgerOf(id));
        await this.jobRef(id).delete();
      }),
    );
  }

  async appendLedger(jobId: string, entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const chunks = chunkEntries(entries);
    const key = this.nextLedgerKey();
    const ledger = this.ledgerOf(jobId);
    await guardFirestore('record item progress', async () => {
      for (let start = 0; start < chunks.length; start += MAX_BATCH_WRITES) {
        const batch = this.db.batch();
        chunks.slice(start, start + MAX_BATCH_WRITES).forEach((chunk, i) => {
          const part = (start + i).toString().padStart(5, '0');
          batch.create(ledger.doc(`${key}-${part}`), {
            // Commit time orders appends from any instance without trusting clocks.
            committedAt: FieldValue.serverTimestamp(),
            entries: chunk,
          });
        });
        await batch.commit();
      }
    });
  }

  async readLedger(jobId: string): Promise<LedgerEntry[]> {
    const docs = await guardFirestore('read the item ledger', () =>
      readAllPages(buildQuery(this.ledgerOf(jobId), QUERIES.ledgerPage, {}), LEDGER_PAGE),
    );
    const entries: LedgerEntry[] = [];
    let unreadable = 0;
    for (const doc of docs) {
      const stored: unknown = doc.get('entries');
      for (const value of Array.isArray(stored) ? (stored as unknown[]) : []) {
        const entry = parseLedgerEntry(value);
        if (entry) entries.push(entry);
        else unreadable++;
      }
    }
    if (unreadable > 0) {
      this.logger.warn(`Ledger of job ${jobId}: ignored ${unreadable} unreadable entries`);
    }
    return entries;
  }

  async getRateLimitConfig(): Promise<RateLimitConfig> {
    const snapshot = await guardFirestore('read the rate-limit config', () =>
      this.rateLimitRef.get(),
    );
    if (!snapshot.exists) return { ...DEFAULT_RATE_LIMIT_CONFIG };
    // A document saved before a field existed (pauseEveryRequests, pauseMs) gets its default.
    const config = { ...DEFAULT_RATE_LIMIT_CONFIG };
    for (const field of RATE_LIMIT_FIELDS) {
      const value: unknown = snapshot.get(field);
      if (typeof value === 'number') config[field] = value;
    }
    if (validateRateLimitConfig(config).length === 0) return config;
    // Never rewritten here: a read must not race another instance's save.
    this.logger.error(`Rate-limit config ${this.rateLimitRef.path} is invalid; using defaults`);
    return { ...DEFAULT_RATE_LIMIT_CONFIG };
  }

  async saveRateLimitConfig(config: RateLimitConfig): Promise<void> {
    const fields = Object.fromEntries(RATE_LIMIT_FIELDS.map((f) => [f, config[f]]));
    await guardFirestore('save the rate-limit config', () =>
      this.rateLimitRef.set({ ...fields, updatedAt: FieldValue.serverTimestamp() }),
    );
  }

  async updateScheduleState(mutate: ScheduleMutation): Promise<ScheduleState> {
    return this.mutex.run(SCHEDULE_KEY, () =>
      guardFirestore('update the schedule state', () =>
        this.db.runTransaction(
          async (tx) => {
            const snapshot = await tx.get(this.scheduleRef);
            const stored: unknown = snapshot.exists ? snapshot.get('state') : undefined;
            const current = isScheduleState(stored) ? stored : EMPTY_SCHEDULE_STATE;
            const next = applyMutation(mutate, current);
            if (!next) return current;
            tx.set(this.scheduleRef, { state: next, updatedAt: FieldValue.serverTimestamp() });
            return structuredClone(next);
          },
          { maxAttempts: TRANSACTION_ATTEMPTS },
        ),
      ),
    );
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new StorageError(`Firestore did not answer within ${PING_TIMEOUT_MS} ms`)),
        PING_TIMEOUT_MS,
      );
    });
    try {
      await guardFirestore('reach Firestore', () =>
        Promise.race([this.lockRef.get().then(() => undefined), timeout]),
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Inside a transaction: the active job holding the lock, unless it is `jobId` itself. */
  private async activeLockHolder(tx: Transaction, jobId: string): Promise<string | null> {
    const holderId = lockHolder(await tx.get(this.lockRef));
    if (holderId === null || holderId === jobId) return null;
    const holder = await tx.get(this.jobRef(holderId));
    const holderJob = holder.exists ? parseJob(holder) : null;
    return holderJob && isActiveStatus(holderJob.status) ? holderJob.id : null;
  }

  private jobRef(id: string): DocumentReference {
    return this.jobs.doc(id);
  }

  private ledgerOf(jobId: string): CollectionReference {
    return this.jobRef(jobId).collection(COLLECTIONS.ledger);
  }

  /** Sortable within this process; ties on commit time across processes are harmless. */
  private nextLedgerKey(): string {
    const time = Date.now().toString(36).padStart(9, '0');
    const sequence = (this.ledgerSequence++).toString(36).padStart(8, '0');
    return `${time}-${this.instanceTag}-${sequence}`;
  }
}

/** A caller's mutation on a copy; what it throws leaves the transaction unretried. */
function applyMutation<T>(mutate: (current: T) => T | null, current: T): T | null {
  try {
    return mutate(structuredClone(current));
  } catch (error) {
    throw new MutationFailure(error);
  }
}

function lockHolder(lock: DocumentSnapshot): string | null {
  const jobId: unknown = lock.exists ? lock.get('jobId') : undefined;
  return typeof jobId === 'string' && jobId.length > 0 ? jobId : null;
}

/** A stored job; a damaged document is an error, never a silent miss. */
function parseJob(snapshot: DocumentSnapshot): JobRecord {
  const value: unknown = snapshot.data();
  if (!isJobRecordShape(value, snapshot.id)) {
    throw new StorageError(`Job document ${snapshot.ref.path} is malformed`);
  }
  return value;
}

/** Also requires `at`, which every entry this driver writes carries. */
function parseLedgerEntry(value: unknown): LedgerEntry | null {
  return isLedgerEntryShape(value) && typeof value.at === 'string' ? value : null;
}

/** Splits entries into groups that each fit comfortably in one document. */
function chunkEntries(entries: readonly LedgerEntry[]): LedgerEntry[][] {
  const chunks: LedgerEntry[][] = [];
  let current: LedgerEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(JSON.stringify(entry)) + 64;
    if (
      current.length > 0 &&
      (bytes + size > MAX_LEDGER_DOC_BYTES || current.length >= MAX_LEDGER_DOC_ENTRIES)
    ) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
