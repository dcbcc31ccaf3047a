import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { type Service, startService } from 'test-stack';

const BIN = path.resolve(__dirname, '..', 'bin', 'backfill.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The `backfill` bin as a child process against the built service and the dashboard
 * emulator. stdout is a pipe here, so watching prints plain lines (the bar needs a terminal).
 */
describe('backfill CLI against the real service', () => {
  let service: Service;

  beforeAll(async () => {
    service = await startService('cli-test');
  });

  afterAll(async () => {
    await service?.stop();
  });

  function start(args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
    return spawn(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        BACKFILL_URL: service.url,
        BACKFILL_TOKEN: service.token,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  function finish(child: ChildProcess): Promise<Run> {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) =>
      child.once('close', (code) => resolve({ code, stdout, stderr })),
    );
  }

  function run(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
    return finish(start(args, env));
  }

  /** Resolves once the child's stdout has a line matching `pattern`. */
  function lineMatching(child: ChildProcess, pattern: RegExp): Promise<string> {
    return new Promise((resolve) => {
      let seen = '';
      const onData = (chunk: Buffer): void => {
        seen += chunk.toString();
        const line = seen.split('\n').find((candidate) => pattern.test(candidate));
        if (line !== undefined) {
          child.stdout?.off('data', onData);
          resolve(line);
        }
      };
      child.stdout?.on('data', onData);
    });
  }

  it('prints usage with --help and exits 0', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['preview', 'create', 'status', 'show', 'watch', 'jobs', 'items']) {
      expect(help.stdout).toContain(command);
    }
    expect(help.stdout).not.toContain(service.token);
    const version = await run(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  it('exits 2 on a usage error', async () => {
    const wrongType = await run(['create', '--type', 'bogus']);
    expect(wrongType.code).toBe(2);
    expect(wrongType.stderr).toContain('data-collection');
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['jobs', '--limit', 'many'])).code).toBe(2);
  });

  it('previews, then creates with --watch and follows the job to completion (exit 0)', async () => {
    const range = ['--from', '2025-07-01', '--to', '2025-07-03', '--districts', '61,117'];
    const preview = await run(['preview', ...range]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/Items:\s+6 /);

    const created = await run(['create', ...range, '--max-requests-per-minute', '600', '--watch']);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const lines = created.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^Created job [0-9a-f-]{36} \(\w+\): data-collection 2025-07-01\.\.2025-07-03/,
    );
    // One plain line per change, each with the counters, then the outcome.
    expect(
      lines.some((line) => /^\S+ job [0-9a-f-]{36} completed \| 6\/6 \| failed 0 \| /.test(line)),
    ).toBe(true);
    expect(lines.at(-1)).toMatch(/^Job [0-9a-f-]{36} completed: 6\/6 processed, 0 failed/);
  });

  it('exits 1 with the API code and message when the range is bad', async () => {
    const bad = await run(['create', '--from', '2025-07-05', '--to', '2025-07-01']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('INVALID_DATE_RANGE');
    expect(bad.stderr).toContain('startDate 2025-07-05 is after endDate 2025-07-01');
  });

  it('prints only the API JSON with --json', async () => {
    const jobs = await run(['jobs', '--json', '--status', 'completed', '--limit', '5']);
    expect(jobs.code).toBe(0);
    const page = JSON.parse(jobs.stdout) as { jobs: { status: string }[]; total: number };
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect(page.jobs.every((job) => job.status === 'completed')).toBe(true);

    const config = await run(['config', 'get', '--json']);
    expect(JSON.parse(config.stdout)).toMatchObject({ maxConcurrent: expect.any(Number) });

    // Watching with --json: one JSON document per line, the create answer first.
    const watched = await run([
      'create',
      '--json',
      '--watch',
      '--from',
      '2025-07-04',
      '--to',
      '2025-07-04',
      '--districts',
      '61',
    ]);
    expect(watched.code).toBe(0);
    const documents = watched.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { jobId?: string; status?: string });
    expect(documents[0]?.jobId).toEqual(expect.any(String));
    expect(documents.at(-1)?.status).toBe('completed');
  });

  it('prints the coverage: counts per state, then a line of symbols per district', async () => {
    // Collected above: 61 and 117 on 07-01..07-03, 61 alone on 07-04; nothing on 07-05.
    const range = ['--from', '2025-07-01', '--to', '2025-07-05'];
    const shown = await run(['coverage', ...range, '--district', '61', '--district', '117']);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    const lines = shown.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Coverage 2025-07-01..2025-07-05: 5 dates, 2 districts');
    expect(lines[1]).toMatch(
      /^✓ stored \d+ {3}↷ closing day \d+ {3}∅ no data \d+ {3}✗ failed 0 {3}· missing \d+$/,
    );
    expect(lines[2]).toMatch(/^summary {2}[✓↷∅]{4}·$/);
    // Stored, or a closing day whose data lives on the month end; never missing.
    expect(lines[3]).toMatch(/^61 {7}[✓↷∅]{4}·$/);
    expect(lines[4]).toMatch(/^117 {6}[✓↷∅]{3}[·↷∅]·$/);
    expect(lines).toHaveLength(5);

    // The symbols say what the counts say.
    const json = await run(['coverage', ...range, '--district', '61,117', '--json']);
    const { counts } = JSON.parse(json.stdout) as { counts: Record<string, number> };
    const cells = lines.slice(3).join('');
    const countOf = (symbol: string) => [...cells].filter((c) => c === symbol).length;
    expect(counts).toEqual({
      ok: countOf('✓'),
      superseded: countOf('↷'),
      noData: countOf('∅'),
      failed: countOf('✗'),
      missing: countOf('·'),
    });
  });

  it('refuses a coverage range without an end (exit 2) or over 400 days (exit 1)', async () => {
    expect((await run(['coverage', '--from', '2025-07-01'])).code).toBe(2);
    const tooLong = await run(['coverage', '--from', '2024-01-01', '--to', '2025-07-01']);
    expect(tooLong.code).toBe(1);
    expect(tooLong.stderr).toContain('INVALID_DATE_RANGE');
  });

  it('says the token is wrong on a 401, and that none was given without one', async () => {
    const wrong = await run(['jobs'], { BACKFILL_TOKEN: 'not-the-token-0000' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('UNAUTHORIZED');
    expect(wrong.stderr).toContain('The token is wrong');

    const flagWins = await run(['--token', 'not-the-token-0000', 'status']);
    expect(flagWins.code).toBe(1);
    expect(flagWins.stderr).toContain('The token is wrong');

    const none = await run(['jobs'], { BACKFILL_TOKEN: undefined });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No token was given');
  });

  it('exits 1 with the code when the API refuses, e.g. an unknown job', async () => {
    const missing = await run(['show', '00000000-0000-4000-8000-000000000000']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('JOB_NOT_FOUND');
  });

  it('Ctrl-C stops watching and leaves the job running; with --cancel-on-interrupt it cancels', async () => {
    const created = await run([
      'create',
      '--json',
      '--from',
      '2025-09-01',
      '--to',
      '2025-09-30',
      '--districts',
      '61,117',
      '--max-requests-per-minute',
      '20',
    ]);
    expect(created.code).toBe(0);
    const { jobId } = JSON.parse(created.stdout) as { jobId: string };

    const watcher = start(['watch', jobId]);
    const watched = finish(watcher);
    await lineMatching(watcher, / running \| /);
    watcher.kill('SIGINT');
    const interrupted = await watched;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain(`Job ${jobId} is still running`);
    const shown = JSON.parse((await run(['show', jobId, '--json'])).stdout) as { status: string };
    expect(['pending', 'running', 'recovering']).toContain(shown.status);

    const paused = await run(['pause', jobId]);
    expect(paused).toMatchObject({ code: 0, stdout: `Job ${jobId} is paused.\n` });
    // Its runner finishes the request in flight, then lets go of the job: resumable then.
    for (;;) {
      const job = JSON.parse((await run(['show', jobId, '--json'])).stdout) as { lease: unknown };
      if (job.lease === null) break;
    }
    const resumed = await run(['resume', jobId]);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(jobId);
    const notPaused = await run(['resume', jobId]);
    expect(notPaused.code).toBe(1);
    expect(notPaused.stderr).toContain('JOB_NOT_RESUMABLE');

    const canceller = start(['watch', jobId, '--cancel-on-interrupt']);
    const cancelled = finish(canceller);
    await lineMatching(canceller, / running \| /);
    canceller.kill('SIGINT');
    const result = await cancelled;
    expect(result.stderr).toContain(`Cancelling job ${jobId}`);
    expect(result.stdout).toMatch(new RegExp(`Job ${jobId} cancelled: `));
    expect(result.code).toBe(1);
  });

  it('lists items, shows a job and reports the status', async () => {
    const page = JSON.parse((await run(['jobs', '--json', '--status', 'completed'])).stdout) as {
      jobs: { jobId: string }[];
    };
    const jobId = page.jobs[0]?.jobId ?? '';
    const items = await run(['items', jobId, '--outcome', 'done,skipped', '--limit', '2']);
    expect(items.code).toBe(0);
    expect(items.stdout).toMatch(/^ITEM\s+OUTCOME/);
    const shown = await run(['show', jobId]);
    expect(shown.stdout).toContain(`Job ${jobId}`);
    expect(shown.stdout).toMatch(/status:\s+completed/);
    const status = await run(['status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Active job:');
  });
});
