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

/**
 * CPU time (user + system, all threads) a process has used so far, in milliseconds, from
 * /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms on Linux).
 */
export function cpuMs(pid: number | 'self' = 'self'): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
