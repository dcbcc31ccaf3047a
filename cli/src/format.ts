import {
  COVERAGE_STATE_OF_LETTER,
  type BackfillStatus,
  type Coverage,
  type CoverageState,
  type CreateJobResponse,
  type Job,
  type JobItemPage,
  type JobPage,
  type JobPreview,
  type RateLimitConfig,
  type RateLimiterStatus,
} from '@backfill/sdk';

/** Human-readable text for each answer; `--json` bypasses all of this. */

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '-';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}

/** The limiter's state in a few words: what, if anything, is holding requests back. */
export function limiterState(
  limiter: RateLimiterStatus | null | undefined,
  now = new Date(),
): string {
  if (!limiter) return '-';
  const until = (iso: string | null): string | null =>
    iso !== null && Date.parse(iso) > now.getTime()
      ? formatDuration((Date.parse(iso) - now.getTime()) / 1000)
      : null;
  const retryAfter = until(limiter.retryAfterUntil);
  if (retryAfter) return `Retry-After ${retryAfter}`;
  const paused = until(limiter.pausedUntil);
  if (paused) return `pause ${paused}`;
  if (limiter.throttled) return `backing off ${limiter.currentDelayMs}ms`;
  return `ok ${limiter.inFlight} in flight`;
}

export function jobRange(config: Job['config']): string {
  const from = config.startDate ?? '…';
  const to = config.endDate ?? '…';
  return config.startDate || config.endDate ? `${from}..${to}` : 'all dates';
}

function districts(config: Job['config']): string {
  return config.targetDistricts && config.targetDistricts.length > 0
    ? config.targetDistricts.join(',')
    : 'all';
}

export function formatCreated(created: CreateJobResponse): string {
  const { job } = created;
  // Analytics jobs cover every district of their snapshots: only collection chooses districts.
  const scope = job.jobType === 'data-collection' ? `, districts ${districts(job.config)}` : '';
  return `Created job ${created.jobId} (${created.status}): ${job.jobType} ${jobRange(job.config)}${scope}`;
}

export function formatPreview(preview: JobPreview): string {
  const range = preview.dateRange
    ? `${preview.dateRange.startDate}..${preview.dateRange.endDate}`
    : '-';
  const lines = [
    `Job type:           ${preview.jobType}`,
    `Dates:              ${preview.dates} (${range})`,
    `Districts:          ${preview.districts.length > 0 ? preview.districts.join(',') : '-'}`,
    `Items:              ${preview.totalItems} (${preview.skippedExisting} skipped as existing)`,
    `Upstream requests:  ${preview.upstreamRequests}`,
    `Estimated duration: ${formatDuration(preview.estimatedDurationSeconds)}`,
  ];
  for (const note of preview.notes) lines.push(`Note: ${note}`);
  return lines.join('\n');
}

/** One line that changes whenever something worth telling changes (the plain-text watch). */
export function progressLine(job: Job): string {
  const c = job.counters;
  const t = job.throughput;
  const parts = [
    `${job.status}`,
    `${c.processed}/${c.total || '?'}`,
    `failed ${c.failed}`,
    `skipped ${c.skipped}`,
    `${t.itemsPerMinute.toFixed(1)}/min`,
    `ETA ${formatDuration(t.etaSeconds)}`,
    `limiter ${limiterState(job.rateLimiter)}`,
  ];
  if (job.currentItem) parts.push(`at ${job.currentItem}`);
  return `job ${job.jobId} ${parts.join(' | ')}`;
}

export function formatJob(job: Job): string {
  const c = job.counters;
  const lines = [
    `Job ${job.jobId}`,
    `  type:      ${job.jobType}`,
    `  status:    ${job.status}${job.failureReason ? ` (${job.failureReason})` : ''}`,
    `  range:     ${jobRange(job.config)}, districts ${districts(job.config)}` +
      `${job.config.skipExisting === false ? ', existing redone' : ''}`,
    `  progress:  ${c.processed}/${c.total} processed, ${c.failed} failed, ${c.skipped} skipped` +
      ` (${job.throughput.percentComplete.toFixed(0)}%)`,
    `  created:   ${job.createdAt}`,
  ];
  if (job.startedAt) lines.push(`  started:   ${job.startedAt}`);
  if (job.resumedAt) lines.push(`  resumed:   ${job.resumedAt}`);
  const ended = job.completedAt ?? job.cancelledAt;
  if (ended) lines.push(`  ended:     ${ended} (${formatDuration((job.durationMs ?? 0) / 1000)})`);
  if (job.currentItem) lines.push(`  current:   ${job.currentItem}`);
  if (job.rateLimiter) lines.push(`  limiter:   ${limiterState(job.rateLimiter)}`);
  if (job.errors.length > 0) {
    lines.push(`  last errors:`);
    for (const error of job.errors.slice(-5)) lines.push(`    ${error.item}: ${error.message}`);
  }
  return lines.join('\n');
}

/** The closing line of a watch. */
export function formatOutcome(job: Job): string {
  const c = job.counters;
  const took = job.durationMs !== null ? ` in ${formatDuration(job.durationMs / 1000)}` : '';
  const reason = job.failureReason ? ` (${job.failureReason})` : '';
  return (
    `Job ${job.jobId} ${job.status}${reason}: ${c.processed}/${c.total} processed, ` +
    `${c.failed} failed, ${c.skipped} skipped${took}`
  );
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatJobPage(page: JobPage): string {
  if (page.jobs.length === 0) return `No jobs (total ${page.total}).`;
  const rows = page.jobs.map((job) => [
    job.jobId,
    job.jobType,
    job.status,
    `${job.counters.processed}/${job.counters.total}`,
    String(job.counters.failed),
    jobRange(job.config),
    job.createdAt,
  ]);
  const shown = `${page.offset + 1}-${page.offset + page.jobs.length} of ${page.total}`;
  return `${table(['ID', 'TYPE', 'STATUS', 'DONE', 'FAILED', 'RANGE', 'CREATED'], rows)}\n${shown}`;
}

export function formatItemPage(page: JobItemPage): string {
  const counts = Object.entries(page.counts)
    .map(([outcome, n]) => `${outcome} ${String(n)}`)
    .join(', ');
  if (page.items.length === 0) return `No items (${counts}).`;
  const rows = page.items.map((item) => [
    item.id,
    item.outcome,
    item.attempts === null ? '-' : String(item.attempts),
    item.supersededBy
      ? `${item.reason ?? 'superseded'} by ${item.supersededBy}`
      : (item.reason ?? ''),
  ]);
  const shown = `${page.offset + 1}-${page.offset + page.items.length} of ${page.total} (${counts})`;
  return `${table(['ITEM', 'OUTCOME', 'ATTEMPTS', 'REASON'], rows)}\n${shown}`;
}

export function formatStatus(status: BackfillStatus): string {
  const lines = [`Instance:   ${status.instanceId}`];
  const job = status.activeJob;
  if (job) {
    lines.push(
      `Active job: ${job.jobId} ${job.jobType} ${job.status} ${jobRange(job.config)}`,
      `Progress:   ${job.counters.processed}/${job.counters.total} processed, ` +
        `${job.counters.failed} failed, ${job.counters.skipped} skipped`,
    );
  } else {
    lines.push('Active job: none');
  }
  lines.push(`Limiter:    ${limiterState(status.rateLimiter)}`);
  const recovery = status.recovery;
  if (recovery) {
    const job = recovery.jobId ? ` job ${recovery.jobId}` : '';
    lines.push(
      `Recovery:   ${recovery.outcome}${job} at ${recovery.checkedAt}: ${recovery.message}`,
    );
  }
  return lines.join('\n');
}

export function formatRateLimit(config: RateLimitConfig): string {
  return Object.entries(config)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join('\n');
}

/** The console's symbols, so a terminal and the heat map read alike. */
const COVERAGE_SYMBOL: Record<CoverageState, { symbol: string; label: string }> = {
  ok: { symbol: '✓', label: 'stored' },
  superseded: { symbol: '↷', label: 'closing day' },
  'no-data': { symbol: '∅', label: 'no data' },
  failed: { symbol: '✗', label: 'failed' },
  missing: { symbol: '·', label: 'missing' },
};
const SHOWN_FAILURES = 20;

function coverageSymbols(letters: string): string {
  return [...letters]
    .map((letter) => {
      const state = COVERAGE_STATE_OF_LETTER[letter];
      return state ? COVERAGE_SYMBOL[state].symbol : '?';
    })
    .join('');
}

/**
 * Counts per state, then one line of symbols per district (a date per column, the summary's
 * line first), then the failures with their reasons.
 */
export function formatCoverage(coverage: Coverage): string {
  const count: Record<CoverageState, number> = {
    ok: coverage.counts.ok,
    superseded: coverage.counts.superseded,
    'no-data': coverage.counts.noData,
    failed: coverage.counts.failed,
    missing: coverage.counts.missing,
  };
  const states = Object.keys(COVERAGE_SYMBOL) as CoverageState[];
  const width = Math.max(7, ...coverage.districts.map((d) => d.length));
  const lines = [
    `Coverage ${coverage.from}..${coverage.to}: ${coverage.days} dates, ${coverage.districts.length} districts`,
    states
      .map((s) => `${COVERAGE_SYMBOL[s].symbol} ${COVERAGE_SYMBOL[s].label} ${count[s]}`)
      .join('   '),
    `${'summary'.padEnd(width)}  ${coverageSymbols(coverage.summary)}`,
    ...coverage.districts.map(
      (district, i) => `${district.padEnd(width)}  ${coverageSymbols(coverage.rows[i] ?? '')}`,
    ),
  ];
  const failures = coverage.failures.flatMap((group) =>
    group.districts.map((d) => `  ${group.date} ${coverage.districts[d] ?? '?'}: ${group.reason}`),
  );
  if (failures.length > 0) {
    lines.push('Failures:', ...failures.slice(0, SHOWN_FAILURES));
    if (failures.length > SHOWN_FAILURES) {
      lines.push(`  and ${failures.length - SHOWN_FAILURES} more (--json has them all)`);
    }
  }
  return lines.join('\n');
}
