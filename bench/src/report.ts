import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface Figure {
  label: string;
  value: number | string;
  unit?: string;
}

/** One benchmark's outcome: figures, the target it is held to, and whether it was met. */
export interface BenchResult {
  id: string;
  title: string;
  figures: Figure[];
  target: string;
  /** null when the figures do not decide it (e.g. a run too short to judge). */
  met: boolean | null;
  notes: string[];
}

export interface BenchRun {
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  results: BenchResult[];
}

export function machineFacts(): BenchRun['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function formatTable(results: readonly BenchResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const verdict = r.met === null ? 'n/a' : r.met ? 'MET' : 'MISSED';
    lines.push(`\n${r.id}. ${r.title}  [target ${verdict}: ${r.target}]`);
    const width = Math.max(...r.figures.map((f) => f.label.length), 10);
    for (const f of r.figures) {
      lines.push(`   ${f.label.padEnd(width)}  ${String(f.value)}${f.unit ? ` ${f.unit}` : ''}`);
    }
    for (const note of r.notes) lines.push(`   note: ${note}`);
  }
  return lines.join('\n');
}

export function toMarkdown(run: BenchRun): string {
  const out: string[] = [
    `# Benchmark results`,
    '',
    `Run ${run.startedAt}, ${run.durationSeconds} s, on ${run.machine.cpus} × ${run.machine.cpuModel}, ${run.machine.memoryGiB} GiB, Node ${run.machine.node}.`,
    '',
    '| # | benchmark | target | verdict |',
    '|---|---|---|---|',
    ...run.results.map(
      (r) =>
        `| ${r.id} | ${r.title} | ${r.target} | ${r.met === null ? 'n/a' : r.met ? 'met' : '**missed**'} |`,
    ),
  ];
  for (const r of run.results) {
    out.push('', `## ${r.id}. ${r.title}`, '', '| figure | value |', '|---|---|');
    for (const f of r.figures)
      out.push(`| ${f.label} | ${String(f.value)}${f.unit ? ` ${f.unit}` : ''} |`);
    for (const note of r.notes) out.push('', `- ${note}`);
  }
  return out.join('\n') + '\n';
}

/**
 * Writes `<name>.json` and `<name>.md` in `dir`: `latest` for a full run, the committed
 * side-by-side figures; `partial` for a run of some benchmarks, so trying one never
 * replaces the others' figures.
 */
export async function writeResults(
  run: BenchRun,
  dir: string,
  name: 'latest' | 'partial',
): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const files = [`${name}.json`, `${name}.md`];
  await fs.writeFile(path.join(dir, files[0]), JSON.stringify(run, null, 2) + '\n');
  await fs.writeFile(path.join(dir, files[1]), toMarkdown(run));
  return files;
}
