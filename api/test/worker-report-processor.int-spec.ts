import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { InThreadReportProcessor } from '../src/collection/reports/report-processor';
import { WorkerReportProcessor } from '../src/collection/reports/worker-report-processor';
import { DistrictAssemblyInput } from '../src/collection/snapshot/district-assembly';
import { clubCsv, districtCsv, divisionCsv } from './factories/report-csv.factory';

// Worker threads load JavaScript only: this test uses the built worker (the api test target
// builds first), exactly as the service does.
const BUILT_WORKER = path.join(
  __dirname,
  '..',
  'dist',
  'collection',
  'reports',
  'report-processor.worker.js',
);
const POISONED_WORKER = path.join(__dirname, 'fixtures', 'poisoned-report-worker.js');
const FOOTER = { footer: ['Month of Mar, As of 03/14/2026'] };

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function assemblyInput(districtId: string): DistrictAssemblyInput {
  const report = (text: string) => ({
    url: 'http://dashboard.test/x',
    status: 200,
    body: bytes(text),
    fetchedAt: '2026-03-15T00:00:00.000Z',
  });
  return {
    districtId,
    requestedDate: '2026-03-14',
    reports: {
      club: report(clubCsv([{}, { 'Club Number': '99' }], FOOTER)),
      district: report(districtCsv([{}, { Club: '99' }], FOOTER)),
      division: report(divisionCsv([{}, { Club: '99' }], FOOTER)),
    },
  };
}

describe('WorkerReportProcessor', () => {
  const inThread = new InThreadReportProcessor();
  let pool: WorkerReportProcessor | undefined;

  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('gives the same answers as processing in the calling thread', async () => {
    pool = new WorkerReportProcessor(2, BUILT_WORKER);
    const csv = clubCsv([{}], FOOTER);
    expect(await pool.interpret('club', '2026-03-14', bytes(csv))).toEqual(
      await inThread.interpret('club', '2026-03-14', bytes(csv)),
    );
    expect(await pool.interpret('club', '2026-03-14', bytes('A,"B\n'))).toEqual(
      await inThread.interpret('club', '2026-03-14', bytes('A,"B\n')),
    );
    expect(await pool.assembleDistrict(assemblyInput('61'))).toEqual(
      await inThread.assembleDistrict(assemblyInput('61')),
    );
  });

  it('moves bodies to the worker instead of copying them', async () => {
    pool = new WorkerReportProcessor(1, BUILT_WORKER);
    const body = bytes(clubCsv([{}], FOOTER));
    const answer = pool.interpret('club', '2026-03-14', body);
    expect(body.byteLength).toBe(0); // detached: the bytes now belong to the worker
    expect((await answer).ok).toBe(true);
  });

  it('keeps every answer with its own task under many concurrent tasks', async () => {
    pool = new WorkerReportProcessor(2, BUILT_WORKER);
    const districts = Array.from({ length: 40 }, (_, i) => String(i + 1));
    const results = await Promise.all(
      districts.map((d) => pool!.assembleDistrict(assemblyInput(d))),
    );
    expect(
      results.map((result) => (result.kind === 'built' ? result.snapshot.districtId : result.kind)),
    ).toEqual(districts);
  });

  it('fails only the tasks of a worker that dies, and replaces the worker', async () => {
    pool = new WorkerReportProcessor(1, POISONED_WORKER);
    const csv = clubCsv([{}], FOOTER);
    const poisoned = pool.interpret('club', '1999-12-31', bytes(csv));
    await expect(poisoned).rejects.toThrow(/report worker exited with code 7/);
    expect((await pool.interpret('club', '2026-03-14', bytes(csv))).ok).toBe(true);
  });

  it('refuses to start without the built worker script, saying how to fix it', () => {
    expect(() => new WorkerReportProcessor(1, '/nonexistent/worker.js')).toThrow(
      /build the api first, or set PARSE_WORKERS=0/,
    );
    expect(() => new WorkerReportProcessor(0, BUILT_WORKER)).toThrow(/at least one worker/);
  });

  it('never keeps a process alive once its work is done', async () => {
    // A script that uses the pool and never closes it must still end on its own (the
    // OpenAPI generator and CLI tools rely on it). The kill timer only detects a hang.
    const script = `
      const { WorkerReportProcessor } = require(${JSON.stringify(
        path.join(__dirname, '..', 'dist', 'collection', 'reports', 'worker-report-processor.js'),
      )});
      const pool = new WorkerReportProcessor(2);
      pool.interpret('club', '2026-03-14', new TextEncoder().encode('A'))
        .then((result) => console.log(result.ok ? 'ok' : 'refused'));`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const hang = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
    );
    clearTimeout(hang);
    expect({ code, signal, output: output.trim() }).toEqual({
      code: 0,
      signal: null,
      output: 'refused',
    });
  });

  it('rejects work after close', async () => {
    pool = new WorkerReportProcessor(1, BUILT_WORKER);
    await pool.close();
    await expect(pool.interpret('club', '2026-03-14', bytes('A\n'))).rejects.toThrow(/closed/);
  });
});
