import { readFileSync } from 'node:fs';

/** Bytes this process has written through write(2) so far (Linux /proc/self/io `wchar`). */
export function bytesWritten(pid: number | 'self' = 'self'): number {
  const text = readFileSync(`/proc/${pid}/io`, 'utf8');
  const match = /^wchar:\s+(\d+)$/m.exec(text);
  if (!match) throw new Error('/proc/<pid>/io has no wchar line');
  return Number(match[1]);
}

/** Resident set size of a process in MiB (Linux /proc/<pid>/status `VmRSS`). */
export function rssMiB(pid: number | 'self' = 'self'): number {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(text);
  if (!match) throw new Error('/proc/<pid>/status has no VmRSS line');
  return Number(match[1]) / 1024;
}
