import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseExport } from './support/csv';

const root = join(__dirname, '..');

/** Runs src/cli.ts under node (transpiled on the fly), as `node dist/cli.js` would run. */
function runCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(
    process.execPath,
    ['-r', join(root, 'test/support/register-ts.js'), join(root, 'src/cli.ts'), ...args],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const end = buffered.indexOf('\n');
      if (end !== -1) {
        resolve(buffered.slice(0, end));
      }
    });
    child.once('exit', (code) => reject(new Error(`cli exited early with ${String(code)}`)));
  });
}

async function output(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('dashboard-emulator CLI', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'announces its URL, serves CSV and exits cleanly on %s',
    async (signal) => {
      const child = runCli(['--port', '0', '--today', '2026-06-01'], { EMULATOR_LATENCY_MS: '1' });
      const line = await firstLine(child);
      const match = /^dashboard-emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      expect(match).not.toBeNull();
      const url = match?.[1] ?? '';
      const res = await fetch(
        `${url}/2025-2026/export.aspx?type=CSV&report=clubperformance~61~3/31/2026~4/1/2026~2025-2026`,
      );
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Club Number,Club Name');
      expect(await (await fetch(`${url}/__emulator/faults`)).json()).toEqual({ latencyMs: 1 });
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code, killedBy] = (await exited) as [number | null, string | null];
      expect({ code, killedBy }).toEqual({ code: 0, killedBy: null });
    },
  );

  it('refuses invalid flags with a clear message and exit code 2', async () => {
    const result = await output(runCli(['--port', 'nope']));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port must be an integer from 0 to 65535, got "nope"');
  });

  it('answers by the data-month reading with --date-slots data-month', async () => {
    const child = runCli(['--port', '0', '--today', '2026-06-01', '--date-slots', 'data-month']);
    const url = (await firstLine(child)).replace('dashboard-emulator listening on ', '');
    const path = (monthEnd: string): string =>
      `${url}/2025-2026/export.aspx?type=CSV&report=clubperformance~61~${monthEnd}~4/1/2026~2025-2026`;
    const rows = async (monthEnd: string): Promise<number> =>
      parseExport(await (await fetch(path(monthEnd))).text()).rows.length;
    expect(await rows('3/31/2026')).toBeGreaterThan(100);
    expect(await rows('4/30/2026')).toBe(0);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  });

  it('refuses an unknown --date-slots mode', async () => {
    const result = await output(runCli(['--date-slots', 'strict']));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--date-slots must be one of lenient, data-month, got "strict"',
    );
  });

  it('prints usage on --help', async () => {
    const result = await output(runCli(['--help']));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--rate-limit N');
  });
});
