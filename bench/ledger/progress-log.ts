/**
 * Progress lines stamped with the seconds since the run started, so a
 * reader sees where the time goes while the benchmark runs.
 */
import { performance } from 'node:perf_hooks';

/** Prints one progress line. */
export type ProgressLog = (line: string) => void;

/** A log whose clock starts now, writing to stdout. */
export function newProgressLog(): ProgressLog {
  const started = performance.now();
  return (line) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
    process.stdout.write(`[${seconds} s] ${line}\n`);
  };
}
