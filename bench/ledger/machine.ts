/**
 * The machine a run measured, for the report's header: figures from
 * different machines do not compare.
 */
import os from 'node:os';

/** One line such as `2 cores (AMD EPYC ...), 23.4 GiB, Node v20.20.2, linux x64`. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${String(os.availableParallelism())} cores (${model}), ${memoryGiB} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`;
}

/**
 * The load averages (1, 5, 15 min) now, e.g. `0.12 0.30 0.25`: at the start of a run, a load
 * well above 0 means something else shares the cores and the figures will be noisier.
 */
export function describeLoad(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}
