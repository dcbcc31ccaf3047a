import {
  BackfillApiError,
  type BackfillClient,
  type CreateJobRequest,
  type ItemOutcome,
  type JobStatus,
  type JobType,
  type RateLimitPatch,
  createBackfillClient,
} from '@backfill/sdk';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  formatCoverage,
  formatCreated,
  formatItemPage,
  formatJob,
  formatJobPage,
  formatPreview,
  formatRateLimit,
  formatStatus,
} from './format';
import { type Output, processOutput } from './output';
import { watchToEnd } from './watch';

export const DEFAULT_URL = 'http://localhost:3000';

/** Exit codes: the contract with scripts. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const JOB_TYPES: readonly JobType[] = ['data-collection', 'analytics-generation'];
const JOB_STATUSES: readonly JobStatus[] = [
  'pending',
  'running',
  'recovering',
  'paused',
  'completed',
  'failed',
  'cancelled',
];
const OUTCOMES: readonly ItemOutcome[] = ['done', 'skipped', 'failed'];

/** Every rate-limit field, with its flag; the API checks the bounds and words the errors. */
const RATE_LIMIT_FLAGS: readonly [keyof RateLimitPatch, string, string][] = [
  ['maxRequestsPerMinute', '--max-requests-per-minute <n>', 'request starts in any 60 s window'],
  ['maxConcurrent', '--max-concurrent <n>', 'requests in flight at once'],
  ['minDelayMs', '--min-delay-ms <ms>', 'gap between starts while the dashboard is healthy'],
  ['maxDelayMs', '--max-delay-ms <ms>', 'ceiling of the gap while backing off'],
  ['backoffMultiplier', '--backoff-multiplier <x>', 'factor the gap grows by on 429/5xx'],
  ['pauseEveryRequests', '--pause-every-requests <n>', 'pause after every n starts (0 never)'],
  ['pauseMs', '--pause-ms <ms>', 'length of that pause'],
];

interface GlobalOptions {
  url: string;
  token?: string;
  json: boolean;
}

interface JobOptions {
  type: JobType;
  from?: string;
  to?: string;
  districts?: string[];
  skipExisting: boolean;
  watch?: boolean;
  cancelOnInterrupt?: boolean;
}

function number(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) {
    throw new InvalidArgumentError('Not a number.');
  }
  return parsed;
}

function list<T extends string>(allowed: readonly T[] | null) {
  return (value: string, previous: T[] | undefined): T[] => {
    const parts = value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
    if (allowed) {
      const wrong = parts.filter((part) => !(allowed as readonly string[]).includes(part));
      if (wrong.length > 0) {
        throw new InvalidArgumentError(`${wrong.join(', ')}: allowed are ${allowed.join(', ')}.`);
      }
    }
    return [...(previous ?? []), ...(parts as T[])];
  };
}

function addRateLimitFlags(command: Command): Command {
  for (const [, flags, description] of RATE_LIMIT_FLAGS) {
    command.option(flags, description, number);
  }
  return command;
}

function rateLimitPatch(options: Record<string, unknown>): RateLimitPatch {
  const patch: RateLimitPatch = {};
  for (const [field] of RATE_LIMIT_FLAGS) {
    const value = options[field];
    if (typeof value === 'number') patch[field] = value;
  }
  return patch;
}

function jobRequest(options: JobOptions & Record<string, unknown>): CreateJobRequest {
  const request: CreateJobRequest = { jobType: options.type, skipExisting: options.skipExisting };
  if (options.from) request.startDate = options.from;
  if (options.to) request.endDate = options.to;
  if (options.districts && options.districts.length > 0)
    request.targetDistricts = options.districts;
  const overrides = rateLimitPatch(options);
  if (Object.keys(overrides).length > 0) request.rateLimitOverrides = overrides;
  return request;
}

function addJobFlags(command: Command): Command {
  command
    .addOption(
      new Option('--type <type>', 'job type').choices(JOB_TYPES).default('data-collection'),
    )
    .option('--from <date>', 'first date, YYYY-MM-DD (UTC)')
    .option('--to <date>', 'last date, YYYY-MM-DD (UTC), before today')
    .option('--districts <ids>', 'districts, comma-separated (default: all)', list(null))
    .option('--no-skip-existing', 'redo dates and districts already stored');
  return addRateLimitFlags(command);
}

/**
 * Builds the `backfill` program. Each action hands its exit code to `setExit`; thrown errors
 * (usage, API) become exit codes in one place, {@link main}.
 */
export function buildProgram(env: NodeJS.ProcessEnv, setExit: (code: number) => void): Command {
  const program = new Command('backfill')
    .version(cliVersion())
    .description(
      'Drive the Unified Backfill Service: preview, create and watch backfill jobs, ' +
        'browse their history and items, and set the rate limit.',
    )
    .option('--url <url>', 'service URL (env BACKFILL_URL)', env.BACKFILL_URL || DEFAULT_URL)
    .option('--token <token>', 'admin token (default: env BACKFILL_TOKEN)')
    .option('--json', "print the API's JSON and nothing else", false)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 success (a watched job completed with no failed item); 1 the job ' +
        'failed, was cancelled or\ncompleted with failures, or the API answered an error; ' +
        '2 usage error; 130 stopped watching with Ctrl-C.',
    );

  const context = (command: Command): { client: BackfillClient; out: Output } => {
    const options = command.optsWithGlobals<GlobalOptions>();
    // Not a commander default: --help would print the token.
    const token = options.token ?? (env.BACKFILL_TOKEN || undefined);
    return {
      client: createBackfillClient({ baseUrl: options.url, token }),
      out: processOutput(options.json),
    };
  };

  /** Wraps an action: it returns the exit code, which the caller takes when it settles. */
  const action =
    <A extends unknown[]>(run: (...args: A) => Promise<number | void>) =>
    async (...args: A): Promise<void> => {
      setExit((await run(...args)) ?? EXIT.ok);
    };

  addJobFlags(
    program
      .command('preview')
      .description('dry run: items, dates, districts, upstream requests, estimated duration'),
  ).action(
    action(async (options: JobOptions & Record<string, unknown>, command: Command) => {
      const { client, out } = context(command);
      out.result(await client.previewJob(jobRequest(options)), formatPreview);
    }),
  );

  addJobFlags(
    program.command('create').description('create a job (it starts at once if none is active)'),
  )
    .option('--watch', 'follow the job until it ends (exit code from its outcome)')
    .option(
      '--cancel-on-interrupt',
      'with --watch: Ctrl-C cancels the job instead of leaving it running',
    )
    .action(
      action(async (options: JobOptions & Record<string, unknown>, command: Command) => {
        const { client, out } = context(command);
        const created = await client.createJob(jobRequest(options));
        if (!options.watch) return out.result(created, formatCreated);
        // One JSON document per line while watching, so a script can read them as they come.
        if (out.json) out.line(JSON.stringify(created));
        else out.line(formatCreated(created));
        return watchToEnd(client, created.jobId, out, {
          cancelOnInterrupt: options.cancelOnInterrupt === true,
        });
      }),
    );

  program
    .command('status')
    .description('the active job, the live rate limiter and the last recovery')
    .action(
      action(async (_options: unknown, command: Command) => {
        const { client, out } = context(command);
        out.result(await client.getStatus(), formatStatus);
      }),
    );

  program
    .command('show')
    .description("one job's status, counters and last errors")
    .argument('<jobId>')
    .action(
      action(async (jobId: string, _options: unknown, command: Command) => {
        const { client, out } = context(command);
        out.result(await client.getJob(jobId), formatJob);
      }),
    );

  program
    .command('watch')
    .description('follow a job live until it ends (exit code from its outcome)')
    .argument('<jobId>')
    .option('--cancel-on-interrupt', 'Ctrl-C cancels the job instead of leaving it running')
    .action(
      action(async (jobId: string, options: { cancelOnInterrupt?: boolean }, command: Command) => {
        const { client, out } = context(command);
        return watchToEnd(client, jobId, out, {
          cancelOnInterrupt: options.cancelOnInterrupt === true,
        });
      }),
    );

  program
    .command('jobs')
    .description('job history, newest first')
    .option(
      '--status <states>',
      `only these states, comma-separated (${JOB_STATUSES.join(', ')})`,
      list(JOB_STATUSES),
    )
    .addOption(new Option('--type <type>', 'only this job type').choices(JOB_TYPES))
    .option('--limit <n>', 'jobs per page (1-100)', number)
    .option('--offset <n>', 'jobs to skip', number)
    .action(
      action(
        async (
          options: { status?: JobStatus[]; type?: JobType; limit?: number; offset?: number },
          command: Command,
        ) => {
          const { client, out } = context(command);
          const page = await client.listJobs({
            status: options.status,
            jobType: options.type,
            limit: options.limit,
            offset: options.offset,
          });
          out.result(page, formatJobPage);
        },
      ),
    );

  program
    .command('items')
    .description("a job's finished items with their latest outcome")
    .argument('<jobId>')
    .option(
      '--outcome <outcomes>',
      `only these outcomes, comma-separated (${OUTCOMES.join(', ')})`,
      list(OUTCOMES),
    )
    .option('--limit <n>', 'items per page (1-1000)', number)
    .option('--offset <n>', 'items to skip', number)
    .action(
      action(
        async (
          jobId: string,
          options: { outcome?: ItemOutcome[]; limit?: number; offset?: number },
          command: Command,
        ) => {
          const { client, out } = context(command);
          const page = await client.listJobItems(jobId, {
            outcome: options.outcome,
            limit: options.limit,
            offset: options.offset,
          });
          out.result(page, formatItemPage);
        },
      ),
    );

  program
    .command('cancel')
    .description('cancel a job: no new items start, in-flight items finish')
    .argument('<jobId>')
    .action(
      action(async (jobId: string, _options: unknown, command: Command) => {
        const { client, out } = context(command);
        out.result(await client.cancelJob(jobId), (job) => `Job ${job.jobId} is ${job.status}.`);
      }),
    );

  program
    .command('pause')
    .description('pause a job: no new items start, in-flight items finish, the lock is freed')
    .argument('<jobId>')
    .action(
      action(async (jobId: string, _options: unknown, command: Command) => {
        const { client, out } = context(command);
        out.result(await client.pauseJob(jobId), (job) => `Job ${job.jobId} is ${job.status}.`);
      }),
    );

  program
    .command('resume')
    .description('resume a paused job: it continues from where it stopped')
    .argument('<jobId>')
    .action(
      action(async (jobId: string, _options: unknown, command: Command) => {
        const { client, out } = context(command);
        out.result(await client.resumeJob(jobId), formatCreated);
      }),
    );

  program
    .command('retry')
    .description('a new job over exactly the failed items of a finished job')
    .argument('<jobId>')
    .option('--watch', 'follow the new job until it ends')
    .option(
      '--cancel-on-interrupt',
      'with --watch: Ctrl-C cancels the job instead of leaving it running',
    )
    .action(
      action(
        async (
          jobId: string,
          options: { watch?: boolean; cancelOnInterrupt?: boolean },
          command: Command,
        ) => {
          const { client, out } = context(command);
          const created = await client.retryJob(jobId);
          if (!options.watch) return out.result(created, formatCreated);
          if (out.json) out.line(JSON.stringify(created));
          else out.line(formatCreated(created));
          return watchToEnd(client, created.jobId, out, {
            cancelOnInterrupt: options.cancelOnInterrupt === true,
          });
        },
      ),
    );

  program
    .command('coverage')
    .description('what is stored for every date x district of a range, one symbol per cell')
    .requiredOption('--from <date>', 'first date, YYYY-MM-DD (UTC)')
    .requiredOption('--to <date>', 'last date, YYYY-MM-DD (UTC); at most 400 days in all')
    .option(
      '--district <ids>',
      'only these districts, comma-separated or repeated (default: every one stored)',
      list(null),
    )
    .action(
      action(
        async (options: { from: string; to: string; district?: string[] }, command: Command) => {
          const { client, out } = context(command);
          const coverage = await client.getCoverage({
            from: options.from,
            to: options.to,
            districts: options.district?.join(','),
          });
          out.result(coverage, formatCoverage);
        },
      ),
    );

  const config = program.command('config').description('the saved rate-limit config');
  config
    .command('get')
    .description('show the saved rate-limit config')
    .action(
      action(async (_options: unknown, command: Command) => {
        const { client, out } = context(command);
        out.result(await client.getRateLimitConfig(), formatRateLimit);
      }),
    );
  addRateLimitFlags(
    config.command('set').description('change some rate-limit fields (applies to the next job)'),
  ).action(
    action(async (options: Record<string, unknown>, command: Command) => {
      const { client, out } = context(command);
      const patch = rateLimitPatch(options);
      if (Object.keys(patch).length === 0) {
        command.error('config set: give at least one rate-limit flag (see --help).', {
          exitCode: EXIT.usage,
        });
      }
      out.result(await client.updateRateLimitConfig(patch), formatRateLimit);
    }),
  );

  return program;
}

/** From package.json, read at run time: it sits outside the compiled tree, next to dist/ or src/. */
function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** Runs the CLI on `argv` (as `process.argv`) and resolves to its exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(env, (code) => (exitCode = code));
  // Commander would call process.exit itself; throwing lets usage errors map to exit code 2.
  program.exitOverride();
  for (const command of program.commands) applyExitOverride(command);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version also come through here, with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof BackfillApiError) {
      process.stderr.write(`${describeApiError(error, env, argv)}\n`);
      return EXIT.failed;
    }
    throw error;
  }
}

function applyExitOverride(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) applyExitOverride(sub);
}

/** The API's code and message, plus what to do about the errors a person can fix. */
export function describeApiError(
  error: BackfillApiError,
  env: NodeJS.ProcessEnv,
  argv: string[],
): string {
  const lines = [`Error ${error.code}: ${error.message}`];
  // Validation messages, unless the message already says them all.
  if (Array.isArray(error.details)) {
    for (const detail of error.details) {
      const text = typeof detail === 'string' ? detail : JSON.stringify(detail);
      if (!error.message.includes(text)) lines.push(`  ${text}`);
    }
  }
  if (error.code === 'UNAUTHORIZED') {
    const given =
      Boolean(env.BACKFILL_TOKEN) ||
      argv.some((arg) => arg === '--token' || arg.startsWith('--token='));
    lines.push(
      given
        ? 'The token is wrong: the service refused it. Check BACKFILL_TOKEN or --token against its ADMIN_TOKEN.'
        : 'No token was given: set BACKFILL_TOKEN or pass --token (the service prints ADMIN_TOKEN when it generates one).',
    );
  } else if (error.code === 'NETWORK_ERROR') {
    lines.push('Is the service running? Set BACKFILL_URL or pass --url.');
  }
  return lines.join('\n');
}
