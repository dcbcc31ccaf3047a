import type { JobCounters, JobError, LedgerEntry } from '../domain/job.model';
import type { PlannedItem } from './job-handler';
import { emptyCounters, ProgressSnapshot } from './job-state';

/** What a status reader may show of a job running here before it is persisted. */
export type LiveProgress = Omit<ProgressSnapshot, 'newErrors'>;

/**
 * The runner's in-memory view of a job's progress, seeded from the item ledger so that
 * counters always equal what the ledger says, before and after any resume.
 */
export class JobProgress {
  private readonly counters: JobCounters = emptyCounters();
  private readonly byGroup: Record<string, JobCounters> = {};
  private readonly inFlight = new Set<string>();
  private newErrors: JobError[] = [];
  /**
   * Failed items per kind of reason, over every run: what a job whose items all failed
   * reports. Reasons that differ only in numbers (a line, a status, a delay) are one kind.
   */
  private readonly failureKinds = new Map<string, { example: string; count: number }>();
  private lastProgressAt: string | null = null;
  private finishedThisRun = 0;
  /** Items that still need doing, in plan order. */
  readonly remaining: PlannedItem[];

  constructor(items: readonly PlannedItem[], ledger: readonly LedgerEntry[]) {
    const latest = new Map<string, LedgerEntry>();
    for (const entry of ledger) latest.set(entry.item, entry);
    this.counters.total = items.length;
    this.remaining = [];
    for (const item of items) {
      const group = this.group(item.group);
      if (group) group.total++;
      const finished = latest.get(item.id);
      if (finished) this.count(finished, item.group);
      else this.remaining.push(item);
    }
  }

  get dirty(): boolean {
    return this.newErrors.length > 0 || this.finishedThisRun > 0;
  }

  get itemsFinishedThisRun(): number {
    return this.finishedThisRun;
  }

  begin(itemId: string): void {
    this.inFlight.add(itemId);
  }

  /** Forgets an item that was interrupted; it stays unfinished and is redone on resume. */
  abandon(itemId: string): void {
    this.inFlight.delete(itemId);
  }

  finish(entry: LedgerEntry): void {
    this.inFlight.delete(entry.item);
    this.count(entry, entry.group);
    this.finishedThisRun++;
    this.lastProgressAt = entry.at;
    if (entry.outcome === 'failed') {
      this.newErrors.push({
        item: entry.item,
        message: entry.reason ?? 'failed',
        at: entry.at,
        retryable: entry.retryable ?? false,
      });
    }
  }

  /** Marks activity that is not an item (planning) as a sign of life. */
  touch(at: string): void {
    this.lastProgressAt = at;
  }

  /**
   * The progress as it is now, for status readers between flushes; unlike `takeSnapshot`
   * it hands nothing over (new errors stay for the next flush, and are not in it).
   */
  peek(): LiveProgress {
    return {
      counters: { ...this.counters },
      progressByGroup: structuredClone(this.byGroup),
      currentItem: [...this.inFlight].at(-1) ?? null,
      lastProgressAt: this.lastProgressAt,
    };
  }

  /** What to persist now; new errors are handed over once. */
  takeSnapshot(): ProgressSnapshot {
    const snapshot: ProgressSnapshot = {
      counters: { ...this.counters },
      progressByGroup: structuredClone(this.byGroup),
      currentItem: [...this.inFlight].at(-1) ?? null,
      lastProgressAt: this.lastProgressAt,
      newErrors: this.newErrors,
    };
    this.newErrors = [];
    return snapshot;
  }

  /** Puts errors back when a flush failed, so none are lost. */
  restoreErrors(errors: JobError[]): void {
    this.newErrors = [...errors, ...this.newErrors];
  }

  /** The kind of reason most failed items share (the first seen of a tie), or null. */
  commonestFailure(): { reason: string; count: number } | null {
    let best: { reason: string; count: number } | null = null;
    for (const { example, count } of this.failureKinds.values()) {
      if (!best || count > best.count) best = { reason: example, count };
    }
    return best;
  }

  private count(entry: LedgerEntry, groupName: string | undefined): void {
    if (entry.outcome === 'failed') {
      const reason = entry.reason ?? 'failed';
      const kind = reason.replace(/\d+/g, '#');
      const seen = this.failureKinds.get(kind);
      if (seen) seen.count++;
      else this.failureKinds.set(kind, { example: reason, count: 1 });
    }
    const targets = [this.counters, this.group(groupName)].filter(
      (c): c is JobCounters => c !== undefined,
    );
    for (const counters of targets) {
      counters.processed++;
      if (entry.outcome === 'failed') counters.failed++;
      if (entry.outcome === 'skipped') counters.skipped++;
    }
  }

  private group(name: string | undefined): JobCounters | undefined {
    if (name === undefined) return undefined;
    this.byGroup[name] ??= emptyCounters();
    return this.byGroup[name];
  }
}
