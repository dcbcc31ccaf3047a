import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { deepFreeze } from '../../common/deep-freeze';
import { KeyedMutex } from '../../common/keyed-mutex';
import {
  JobRecord,
  JOB_STATUSES,
  JOB_TYPES,
  LedgerEntry,
  isActiveStatus,
  isTerminalStatus,
} from '../../domain/job.model';
import {
  DEFAULT_RATE_LIMIT_CONFIG,
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
import {
  ActiveJobLockHeldError,
  JobActiveError,
  JobNotFoundError,
  StorageError,
} from '../../domain/storage-errors';
import {
  appendToFile,
  createFileExclusive,
  isErrno,
  readFileIfExists,
  removeStaleTempFiles,
  writeFileAtomic,
} from './atomic-file';
import { isJobRecordShape, isLedgerEntryShape } from '../job-record-shape';
import { isJsonObject, parseJsonOrUndefined } from './json-text';
import { guardFs } from './fs-errors';
import { JobIndex, JobSummary, summarise } from './job-index';

const LOCK_FILE = 'active.lock';
const INDEX_FILE = 'index.jsonl';
const SCHEDULE_KEY = 'schedule.json';
const CACHE_LIMIT = 500;

type IndexLine = JobSummary | { id: string; deleted: true };

/**
 * Jobs as one JSON file each under `DATA_DIR/jobs`, with an append-only index log so that
 * listing never parses every job, an append-only JSON-lines ledger per job, and the
 * active-job lock as a file created with O_EXCL.
 *
 * Designed for one process per data directory (the local deployment; the service enforces
 * it with `DataDirLock`); within the process every read-modify-write of a job is serialised.
 */
export class LocalJobStore extends JobStore {
  private readonly logger = new Logger('LocalJobStore');
  private readonly jobsDir: string;
  private readonly quarantineDir: string;
  private readonly configDir: string;
  private readonly index = new JobIndex();
  /**
   * Recently used jobs, as parsed from their files and deep-frozen so that every reader can
   * share one object: the console polls the listing, which would otherwise parse 20
   * documents per request.
   */
  private readonly cache = new Map<string, JobRecord>();
  private readonly mutex = new KeyedMutex();
  /**
   * Watchers of each job (see `watchJob`). Every writer of a data directory is in this
   * process, so telling them after each write is all a watch needs.
   */
  private readonly watchers = new Map<string, Set<(job: JobRecord) => void>>();
  private ready: Promise<void> | null = null;
  private indexLines = 0;

  constructor(dataDir: string) {
    super();
    this.jobsDir = path.join(dataDir, 'jobs');
    this.quarantineDir = path.join(this.jobsDir, 'quarantine');
    this.configDir = path.join(dataDir, 'config');
  }

  async createJob(job: JobRecord): Promise<CreateJobResult> {
    await this.init();
    return this.mutex.run(LOCK_FILE, () =>
      this.guard('create the job', async () => {
        const activeJobId = await this.takeLock(job.id);
        if (activeJobId) return { created: false as const, activeJobId };
        const stored = await this.writeJob({ ...job, revision: 1 });
        await this.appendIndex(summarise(stored));
        this.tellWatchers(stored);
        return { created: true as const, job: stored };
      }),
    );
  }

  /**
   * Takes the active-job lock for `jobId`; returns the id of the active job holding it
   * instead, or null once taken. Only under the lock's mutex.
   */
  private async takeLock(jobId: string): Promise<string | null> {
    for (;;) {
      if (await createFileExclusive(this.lockPath, JSON.stringify({ jobId }))) return null;
      const holder = await this.readLockHolder();
      if (holder === jobId) return null;
      const holderJob = holder ? await this.loadJob(holder) : null;
      if (holderJob && isActiveStatus(holderJob.status)) return holderJob.id;
      // The holder is over or paused (or never got written before a crash): the lock is free.
      await fs.rm(this.lockPath, { force: true });
    }
  }

  async getJob(id: string): Promise<JobRecord | null> {
    await this.init();
    const job = await this.guard('read the job', () => this.loadJob(id));
    return job;
  }

  async updateJob(id: string, mutate: JobMutation): Promise<JobRecord> {
    await this.init();
    return this.mutex.run(id, async () => {
      const current = await this.guard('read the job', () => this.loadJob(id));
      if (!current) throw new JobNotFoundError(id);
      const next = mutate(structuredClone(current));
      if (!next) return current;
      return this.guard('update the job', async () => {
        if (isActiveStatus(next.status) && !isActiveStatus(current.status)) {
          // Made active again (a resume): the lock first, so a crash between the two
          // writes leaves a lock naming a paused job, which counts as free.
          const activeJobId = await this.mutex.run(LOCK_FILE, () => this.takeLock(id));
          if (activeJobId) throw new ActiveJobLockHeldError(activeJobId);
        }
        const stored = await this.writeJob({ ...next, id, revision: current.revision + 1 });
        if (stored.status !== current.status) await this.appendIndex(summarise(stored));
        if (!isActiveStatus(stored.status)) await this.releaseLockHeldBy(id);
        this.tellWatchers(stored);
        return stored;
      });
    });
  }

  watchJob(id: string, watcher: JobWatcher): Unwatch {
    let watching = true;
    let lastRevision = -1;
    const deliver = (job: JobRecord): void => {
      // The first read and the notifications of writes may cross: never go backwards.
      if (!watching || job.revision <= lastRevision) return;
      lastRevision = job.revision;
      watcher.changed(job);
    };
    const watchersOfJob = this.watchers.get(id) ?? new Set();
    watchersOfJob.add(deliver);
    this.watchers.set(id, watchersOfJob);
    const unwatch = (): void => {
      watching = false;
      watchersOfJob.delete(deliver);
      if (watchersOfJob.size === 0 && this.watchers.get(id) === watchersOfJob) {
        this.watchers.delete(id);
      }
    };
    this.getJob(id).then(
      (job) => {
        if (job) deliver(job);
      },
      (error: unknown) => {
        if (!watching) return;
        unwatch();
        watcher.failed(error instanceof Error ? error : new StorageError(String(error)));
      },
    );
    return unwatch;
  }

  async listJobs(query: ListJobsQuery): Promise<JobPage> {
    await this.init();
    const { ids, total } = this.index.query(query);
    const jobs = await this.guard('list jobs', async () => {
      const loaded = await Promise.all(ids.map((id) => this.loadJob(id)));
      return loaded.filter((job): job is JobRecord => job !== null);
    });
    return { jobs, total };
  }

  async findActiveJob(): Promise<JobRecord | null> {
    await this.init();
    return this.guard('find the active job', async () => {
      const holder = await this.readLockHolder();
      const job = holder ? await this.loadJob(holder) : null;
      return job && isActiveStatus(job.status) ? job : null;
    });
  }

  async findFinishedBefore(cutoffIso: string, limit: number): Promise<JobRecord[]> {
    await this.init();
    const due = [...this.index.values()]
      .filter(
        (s) => isTerminalStatus(s.status) && s.completedAt !== null && s.completedAt < cutoffIso,
      )
      .sort((a, b) => ((a.completedAt ?? '') < (b.completedAt ?? '') ? -1 : 1))
      .slice(0, limit);
    const jobs = await this.guard('list finished jobs', () =>
      Promise.all(due.map((s) => this.loadJob(s.id))),
    );
    return jobs.filter((job): job is JobRecord => job !== null);
  }

  async deleteJob(id: string): Promise<void> {
    await this.init();
    await this.mutex.run(id, () =>
      this.guard('delete the job', async () => {
        const job = await this.loadJob(id);
        if (!job) return;
        if (!isTerminalStatus(job.status)) throw new JobActiveError(id);
        await this.appendIndex({ id, deleted: true });
        await fs.rm(this.jobPath(id), { force: true });
        await fs.rm(this.ledgerPath(id), { force: true });
      }),
    );
  }

  async appendLedger(jobId: string, entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.init();
    const lines = entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n';
    // A plain append survives a process crash (the kernel owns the data once write()
    // returns); fsync per item would cost more than the item itself.
    await this.guard('record item progress', () => appendToFile(this.ledgerPath(jobId), lines));
  }

  async readLedger(jobId: string): Promise<LedgerEntry[]> {
    await this.init();
    const text = await this.guard('read the item ledger', () =>
      readFileIfExists(this.ledgerPath(jobId)),
    );
    if (!text) return [];
    const entries: LedgerEntry[] = [];
    let unreadable = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      const entry = parseLedgerLine(line);
      if (entry) entries.push(entry);
      else unreadable++;
    }
    if (unreadable > 0) {
      // Only a line torn by a power loss can be unreadable; its item is simply redone.
      this.logger.warn(`Ledger of job ${jobId}: ignored ${unreadable} unreadable line(s)`);
    }
    return entries;
  }

  async getRateLimitConfig(): Promise<RateLimitConfig> {
    await this.init();
    const file = path.join(this.configDir, 'rate-limit.json');
    const text = await this.guard('read the rate-limit config', () => readFileIfExists(file));
    if (text !== null) {
      const parsed = parseJsonOrUndefined(text);
      // A file saved before a field existed (pauseEveryRequests, pauseMs) gets its default.
      const config = { ...DEFAULT_RATE_LIMIT_CONFIG, ...(isJsonObject(parsed) ? parsed : {}) };
      if (isJsonObject(parsed) && validateRateLimitConfig(config).length === 0) return config;
      this.logger.error(`Rate-limit config ${file} is invalid; moved aside, using defaults`);
      await fs.rename(file, `${file}.invalid-${Date.now()}`).catch(() => undefined);
    }
    await this.saveRateLimitConfig(DEFAULT_RATE_LIMIT_CONFIG);
    return { ...DEFAULT_RATE_LIMIT_CONFIG };
  }

  async saveRateLimitConfig(config: RateLimitConfig): Promise<void> {
    await this.init();
    await this.guard('save the rate-limit config', () =>
      writeFileAtomic(
        path.join(this.configDir, 'rate-limit.json'),
        JSON.stringify(config, null, 2) + '\n',
      ),
    );
  }

  async updateScheduleState(mutate: ScheduleMutation): Promise<ScheduleState> {
    await this.init();
    const file = path.join(this.configDir, 'schedule.json');
    return this.mutex.run(SCHEDULE_KEY, () =>
      this.guard('update the schedule state', async () => {
        const parsed = parseJsonOrUndefined((await readFileIfExists(file)) ?? '');
        const current = isScheduleState(parsed) ? parsed : EMPTY_SCHEDULE_STATE;
        const next = mutate(structuredClone(current));
        if (!next) return current;
        await writeFileAtomic(file, JSON.stringify(next, null, 2) + '\n');
        return next;
      }),
    );
  }

  async ping(): Promise<void> {
    await this.init();
    await this.guard('reach the data directory', () => fs.access(this.jobsDir));
  }

  private get lockPath(): string {
    return path.join(this.jobsDir, LOCK_FILE);
  }

  private jobPath(id: string): string {
    return path.join(this.jobsDir, `${id}.json`);
  }

  private ledgerPath(id: string): string {
    return path.join(this.jobsDir, `${id}.ledger.jsonl`);
  }

  /** Graceful initialisation: a fresh or half-missing data dir just works. */
  private init(): Promise<void> {
    this.ready ??= this.guard('initialise the data directory', () => this.initialise());
    return this.ready;
  }

  private async initialise(): Promise<void> {
    await fs.mkdir(this.quarantineDir, { recursive: true });
    await fs.mkdir(this.configDir, { recursive: true });
    await removeStaleTempFiles(this.jobsDir);
    await removeStaleTempFiles(this.configDir);
    await this.loadIndex();
    await this.reconcileIndex();
    if (this.indexLines > 2 * this.index.size + 1000) await this.compactIndex();
  }

  private async loadIndex(): Promise<void> {
    const text = await readFileIfExists(path.join(this.jobsDir, INDEX_FILE));
    if (!text) return;
    for (const line of text.split('\n')) {
      if (!line) continue;
      this.indexLines++;
      const entry = parseIndexLine(line);
      if (!entry) continue;
      if ('deleted' in entry) this.index.remove(entry.id);
      else this.index.upsert(entry);
    }
  }

  /**
   * Terminal jobs never change status, so their index entries are final. Only jobs the
   * index does not know and jobs it believes active or paused can disagree with their files (a
   * crash between the two writes); only those are read.
   */
  private async reconcileIndex(): Promise<void> {
    const names = await fs.readdir(this.jobsDir);
    const onDisk = new Set(
      names.filter((n) => /^[0-9a-f-]{36}\.json$/.test(n)).map((n) => n.slice(0, -'.json'.length)),
    );
    for (const summary of [...this.index.values()]) {
      if (!onDisk.has(summary.id)) this.index.remove(summary.id);
    }
    const toCheck = [...onDisk].filter((id) => {
      const summary = this.index.get(id);
      return !summary || !isTerminalStatus(summary.status);
    });
    for (const id of toCheck) {
      const job = await this.loadJob(id);
      if (!job) continue;
      const summary = summarise(job);
      const known = this.index.get(id);
      if (!known || known.status !== summary.status) await this.appendIndex(summary);
    }
  }

  private async compactIndex(): Promise<void> {
    const lines = [...this.index.values()].map((s) => JSON.stringify(s)).join('\n');
    await writeFileAtomic(path.join(this.jobsDir, INDEX_FILE), lines ? lines + '\n' : '');
    this.indexLines = this.index.size;
  }

  private async appendIndex(line: IndexLine): Promise<void> {
    await fs.appendFile(path.join(this.jobsDir, INDEX_FILE), JSON.stringify(line) + '\n');
    this.indexLines++;
    if ('deleted' in line) {
      this.index.remove(line.id);
      this.cache.delete(line.id);
    } else {
      this.index.upsert(line);
    }
  }

  /** Writes a job; returns it as every later read will see it (parsed back, frozen). */
  private async writeJob(job: JobRecord): Promise<JobRecord> {
    const text = JSON.stringify(job);
    await writeFileAtomic(this.jobPath(job.id), text);
    // Parsed back rather than frozen in place: the caller may still hold parts of `job`.
    const record = deepFreeze(JSON.parse(text) as JobRecord);
    this.remember(job.id, record);
    return record;
  }

  /**
   * Reads a job through the cache, as a shared frozen record; a corrupt file is
   * quarantined and reads as missing.
   */
  private async loadJob(id: string): Promise<JobRecord | null> {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    const file = this.jobPath(id);
    let text: string | null;
    try {
      text = await readFileIfExists(file);
    } catch (error) {
      if (isErrno(error, 'EISDIR')) text = '';
      else throw error;
    }
    if (text === null) return null;
    const job = parseJobDocument(text, id);
    if (!job) {
      await this.quarantine(id, file);
      return null;
    }
    this.remember(id, deepFreeze(job));
    return job;
  }

  private async quarantine(id: string, file: string): Promise<void> {
    const target = path.join(this.quarantineDir, `${id}.${Date.now()}.json`);
    this.logger.error(`Job file ${file} is corrupt or unreadable; quarantined as ${target}`);
    await fs.rename(file, target).catch(() => fs.rm(file, { recursive: true, force: true }));
    await this.appendIndex({ id, deleted: true });
  }

  private remember(id: string, job: JobRecord): void {
    this.cache.delete(id);
    this.cache.set(id, job);
    if (this.cache.size > CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  private async readLockHolder(): Promise<string | null> {
    const text = await readFileIfExists(this.lockPath);
    if (text === null) return null;
    const parsed = parseJsonOrUndefined(text);
    return isJsonObject(parsed) &&
      typeof parsed.jobId === 'string' &&
      /^[0-9a-f-]{36}$/.test(parsed.jobId)
      ? parsed.jobId
      : null;
  }

  /** Under the lock's mutex, so it cannot remove a lock a concurrent create just took. */
  private releaseLockHeldBy(id: string): Promise<void> {
    return this.mutex.run(LOCK_FILE, async () => {
      if ((await this.readLockHolder()) === id) await fs.rm(this.lockPath, { force: true });
    });
  }

  /**
   * Tells the job's watchers of a write once the writer's own code has moved on, so a
   * watcher never runs inside the store's critical section; one that throws is logged.
   */
  private tellWatchers(job: JobRecord): void {
    const watchersOfJob = this.watchers.get(job.id);
    if (!watchersOfJob) return;
    queueMicrotask(() => {
      for (const deliver of [...watchersOfJob]) {
        try {
          deliver(job);
        } catch (error) {
          this.logger.error(`A watcher of job ${job.id} failed: ${String(error)}`);
        }
      }
    });
  }

  /** Turns file-system failures into `StorageError`s with a plain-language reason. */
  private guard<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return guardFs(what, operation, [JobNotFoundError, JobActiveError, ActiveJobLockHeldError]);
  }
}

/** A stored job, or null for a damaged file. */
function parseJobDocument(text: string, expectedId: string): JobRecord | null {
  const value = parseJsonOrUndefined(text);
  return isJobRecordShape(value, expectedId) ? value : null;
}

function parseIndexLine(line: string): IndexLine | null {
  const value = parseJsonOrUndefined(line);
  if (!isJsonObject(value) || typeof value.id !== 'string') return null;
  if (value.deleted === true) return { id: value.id, deleted: true };
  if (
    typeof value.createdAt !== 'string' ||
    !(JOB_TYPES as readonly unknown[]).includes(value.jobType) ||
    !(JOB_STATUSES as readonly unknown[]).includes(value.status)
  ) {
    return null;
  }
  return value as unknown as JobSummary;
}

function parseLedgerLine(line: string): LedgerEntry | null {
  const value = parseJsonOrUndefined(line);
  return isLedgerEntryShape(value) ? value : null;
}
