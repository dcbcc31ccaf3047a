import { type BackfillClient, type Job, isTerminal } from '@backfill/sdk';
import { SingleBar } from 'cli-progress';
import { formatDuration, formatOutcome, limiterState, progressLine } from './format';
import type { Output } from './output';

export interface WatchSettings {
  /** On Ctrl-C, cancel the job (and watch it wind down) instead of leaving it running. */
  cancelOnInterrupt: boolean;
}

/** 0: completed with no failed item; 1: failed, cancelled or completed with failures. */
export function exitCodeOf(job: Job): 0 | 1 {
  return job.status === 'completed' && job.counters.failed === 0 ? 0 : 1;
}

/** 128 + SIGINT, what shells report for a command stopped by Ctrl-C. */
export const INTERRUPTED = 130;

/**
 * Follows a job over its server-sent events until it ends and returns the exit code. A
 * terminal gets a live bar; anything else (a pipe, a file, CI logs) one line per change;
 * `--json` one JSON job per line. Ctrl-C stops watching and says the job goes on, or with
 * `cancelOnInterrupt` cancels the job and keeps watching until it has wound down (a second
 * Ctrl-C stops at once).
 */
export async function watchToEnd(
  client: BackfillClient,
  jobId: string,
  out: Output,
  settings: WatchSettings,
): Promise<number> {
  const stop = new AbortController();
  let interrupts = 0;
  // Set inside the signal handler, so declared wide: TypeScript would narrow it to null here.
  let cancelling = null as Promise<unknown> | null;
  const view = out.json ? jsonView(out) : out.isTTY ? barView(out, settings) : lineView(out);

  const onInterrupt = (): void => {
    interrupts += 1;
    if (settings.cancelOnInterrupt && interrupts === 1) {
      view.note(
        `Cancelling job ${jobId}; in-flight items finish first (Ctrl-C again to stop watching).`,
      );
      // On failure watching goes on: the job may have just ended (JOB_NOT_CANCELLABLE), and
      // otherwise a second Ctrl-C still stops.
      cancelling = client.cancelJob(jobId).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        view.note(`Could not cancel job ${jobId}: ${reason}`);
      });
      return;
    }
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);

  let last: Job | undefined;
  try {
    for await (const job of client.watchJob(jobId, { signal: stop.signal })) {
      last = job;
      view.update(job);
    }
  } finally {
    process.off('SIGINT', onInterrupt);
    view.stop();
  }
  if (cancelling) await cancelling;

  if (stop.signal.aborted || !last || !isTerminal(last.status)) {
    out.err(
      `Stopped watching. Job ${jobId} is ${last && !isTerminal(last.status) ? 'still running' : 'left as it is'}: ` +
        `\`backfill watch ${jobId}\` follows it again, \`backfill cancel ${jobId}\` cancels it.`,
    );
    return INTERRUPTED;
  }
  if (!out.json) {
    out.line(formatOutcome(last));
    for (const error of last.errors.slice(-5)) out.line(`  ${error.item}: ${error.message}`);
    if (last.counters.failed > 0)
      out.line(`\`backfill retry ${last.jobId}\` retries the failed items.`);
  }
  return exitCodeOf(last);
}

interface View {
  update(job: Job): void;
  /** A message that must not garble the bar. */
  note(text: string): void;
  stop(): void;
}

function jsonView(out: Output): View {
  return {
    update: (job) => out.line(JSON.stringify(job)),
    note: (text) => out.err(text),
    stop: () => undefined,
  };
}

function lineView(out: Output): View {
  let previous = '';
  return {
    update(job) {
      const line = progressLine(job);
      if (line === previous) return;
      previous = line;
      out.line(`${new Date().toISOString()} ${line}`);
    },
    note: (text) => out.err(text),
    stop: () => undefined,
  };
}

function barView(out: Output, settings: WatchSettings): View {
  const newBar = (): SingleBar =>
    new SingleBar({
      stream: out.stdout,
      format:
        '{status} [{bar}] {percentage}% {done} | failed {failed} skipped {skipped} | ' +
        '{rate}/min | ETA {etaText} | limiter {limiter}',
      barsize: 24,
      hideCursor: true,
      fps: 5,
    });
  // A bar redraws its line in place, so a message stops it and the next update starts another.
  let bar: SingleBar | null = null;
  let introduced = false;
  const payload = (job: Job) => ({
    status: job.status.padEnd(10),
    // "?" until the job is planned: the bar's own total is at least 1.
    done: `${job.counters.processed}/${job.counters.total || '?'}`,
    failed: job.counters.failed,
    skipped: job.counters.skipped,
    rate: job.throughput.itemsPerMinute.toFixed(1),
    // The server's ETA, from its measured throughput, rather than the bar's own guess.
    etaText: formatDuration(job.throughput.etaSeconds),
    limiter: limiterState(job.rateLimiter),
  });
  return {
    update(job) {
      // A total of 0 means "not planned yet"; 1 keeps the bar from dividing by zero.
      const total = Math.max(job.counters.total, 1);
      if (!introduced) {
        const onCtrlC = settings.cancelOnInterrupt ? 'cancels the job' : 'stops watching';
        out.line(`Watching job ${job.jobId} (${job.jobType}); Ctrl-C ${onCtrlC}.`);
        introduced = true;
      }
      if (!bar) {
        bar = newBar();
        bar.start(total, job.counters.processed, payload(job));
      } else {
        bar.setTotal(total);
        bar.update(job.counters.processed, payload(job));
      }
    },
    note(text) {
      bar?.stop();
      bar = null;
      out.err(text);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
