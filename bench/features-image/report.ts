/**
 * The benchmark's figures as text: for each task, Deuro's median time and throughput in
 * megapixels per second, the baselines' (OpenCV single-threaded and with its default threads,
 * scikit-image), and the ratio Deuro / baseline throughput (above 1: Deuro is faster).
 */

/** The timings of one task. */
export interface TaskTimings {
  readonly task: string;
  readonly deuroSeconds: readonly number[];
  /** Per baseline name (`opencv 1 thread`, ...), its rounds; absent when it has no equivalent. */
  readonly baselines: Readonly<Record<string, readonly number[] | undefined>>;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Throughput ratio Deuro / baseline: the baseline's time over Deuro's. */
export function throughputRatio(deuroSeconds: number, baselineSeconds: number): number {
  return baselineSeconds / deuroSeconds;
}

/** A fixed-width table: one row per task, one column pair (time, ratio) per baseline. */
export function formatTimings(
  megapixels: number,
  baselineNames: readonly string[],
  rows: readonly TaskTimings[],
): string[] {
  const header = [
    'task'.padEnd(11),
    'deuro s'.padStart(8),
    'MP/s'.padStart(7),
    ...baselineNames.map((name) => `${name} s`.padStart(name.length + 11)),
  ].join(' ');
  const lines = rows.map((row) => {
    const deuro = median(row.deuroSeconds);
    const cells = baselineNames.map((name) => {
      const seconds = row.baselines[name];
      const width = name.length + 11;
      if (seconds === undefined || seconds.length === 0) return '-'.padStart(width);
      const baseline = median(seconds);
      const ratio = throughputRatio(deuro, baseline);
      return `${baseline.toFixed(3)} (${ratio.toFixed(2)}x)`.padStart(width);
    });
    return [
      row.task.padEnd(11),
      deuro.toFixed(3).padStart(8),
      (megapixels / deuro).toFixed(2).padStart(7),
      ...cells,
    ].join(' ');
  });
  return [header, ...lines];
}
