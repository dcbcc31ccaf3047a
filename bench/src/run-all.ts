import * as path from 'node:path';
import { benchAnalyticsScale } from './bench-analytics-scale';
import { benchApiLoad } from './bench-api-load';
import { benchCheckpoint } from './bench-checkpoint';
import { benchClosingPeriod } from './bench-closing-period';
import { benchEngine } from './bench-engine';
import { benchJobStore } from './bench-job-store';
import { benchMemory } from './bench-memory';
import { benchPushBackCapped, benchPushBackCount } from './bench-push-back';
import { benchRate } from './bench-rate';
import { benchRecovery } from './bench-recovery';
import { BenchResult, BenchRun, formatTable, machineFacts, writeResults } from './report';

type Bench = () => Promise<BenchResult>;

const BENCHES: Record<string, Bench> = {
  'job-store': benchJobStore,
  checkpoint: benchCheckpoint,
  engine: benchEngine,
  rate: benchRate,
  'api-load': benchApiLoad,
  recovery: benchRecovery,
  memory: benchMemory,
  'push-back-count': benchPushBackCount,
  'push-back-capped': benchPushBackCapped,
  'closing-period': benchClosingPeriod,
  'analytics-scale': benchAnalyticsScale,
};

/** `npm run bench [name ...]`: runs every benchmark (or the named ones) and writes results. */
async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
  const startedAt = new Date();
  const results: BenchResult[] = [];
  for (const name of names) {
    const bench = BENCHES[name];
    if (!bench)
      throw new Error(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.stdout.write(`running ${name}...\n`);
    try {
      results.push(await bench());
    } catch (error) {
      results.push({
        id: name,
        title: name,
        figures: [],
        target: 'n/a',
        met: false,
        notes: [`failed to run: ${String(error)}`],
      });
    }
  }
  const run: BenchRun = {
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: machineFacts(),
    results,
  };
  process.stdout.write(formatTable(results) + '\n');
  const files = await writeResults(
    run,
    path.resolve(__dirname, '..', 'results'),
    wanted.length > 0 ? 'partial' : 'latest',
  );
  process.stdout.write(`\nwrote ${files.map((f) => `bench/results/${f}`).join(' and ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
