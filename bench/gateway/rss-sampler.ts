/**
 * Samples another process's resident memory (VmRSS in /proc/<pid>/status) while work runs, for
 * the gateway's memory figure: the growth from before the work to the peak during it.
 */
import { readFileSync } from 'node:fs';

/** Resident memory of a process in bytes. */
export function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+([0-9]+) kB$/m.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'));
  if (match?.[1] === undefined) {
    throw new Error(`no VmRSS for process ${String(pid)}`);
  }
  return Number(match[1]) * 1024;
}

/** Before and peak resident memory of `pid` around `work`. */
export async function sampleResidentMemory<T>(
  pid: number,
  work: () => Promise<T>,
  intervalMs = 50,
): Promise<{ readonly result: T; readonly beforeBytes: number; readonly peakBytes: number }> {
  const beforeBytes = residentBytes(pid);
  let peakBytes = beforeBytes;
  const timer = setInterval(() => {
    peakBytes = Math.max(peakBytes, residentBytes(pid));
  }, intervalMs);
  try {
    const result = await work();
    peakBytes = Math.max(peakBytes, residentBytes(pid));
    return { result, beforeBytes, peakBytes };
  } finally {
    clearInterval(timer);
  }
}
