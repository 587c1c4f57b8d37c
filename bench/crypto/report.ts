/**
 * The benchmark's figures as text: throughput of each encryptor, the ratio against the goal,
 * and the memory of the 1 GiB stream against its limit.
 */

/** The goal: Deuro's encryptor at this fraction of openssl's throughput or better. */
export const THROUGHPUT_GOAL_RATIO = 0.8;
/** The limit on resident memory growth while streaming, in MiB. */
export const MEMORY_GROWTH_LIMIT_MIB = 100;

const MIB = 1024 * 1024;

/** Timed runs of both encryptors on the same input. */
export interface ThroughputFigures {
  readonly sizeMib: number;
  readonly deuroSeconds: readonly number[];
  readonly opensslSeconds: readonly number[];
}

/** The memory measurement of the child process. */
export interface MemoryFigures {
  readonly bytes: number;
  readonly seconds: number;
  readonly baselineRssBytes: number;
  readonly peakRssBytes: number;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Lines describing throughput, e.g. `deuro  812.3 MiB/s ...`. */
export function formatThroughput(figures: ThroughputFigures): string[] {
  const deuro = figures.sizeMib / median(figures.deuroSeconds);
  const openssl = figures.sizeMib / median(figures.opensslSeconds);
  const ratio = deuro / openssl;
  return [
    `deuro newCmsEncryptor          ${mibPerSecond(deuro)}  (runs: ${seconds(figures.deuroSeconds)})`,
    `openssl cms -encrypt -stream   ${mibPerSecond(openssl)}  (runs: ${seconds(figures.opensslSeconds)})`,
    `ratio ${ratio.toFixed(2)}x (goal >= ${THROUGHPUT_GOAL_RATIO.toFixed(1)}x): ${ratio >= THROUGHPUT_GOAL_RATIO ? 'PASS' : 'BELOW'}`,
  ];
}

/** Lines describing the memory of the stream. */
export function formatMemory(figures: MemoryFigures): string[] {
  const growthMib = (figures.peakRssBytes - figures.baselineRssBytes) / MIB;
  return [
    `stream ${(figures.bytes / MIB).toFixed(0)} MiB generated -> encryptor -> decryptor in ` +
      `${figures.seconds.toFixed(1)} s (${mibPerSecond(figures.bytes / MIB / figures.seconds).trim()} through both)`,
    `rss before ${(figures.baselineRssBytes / MIB).toFixed(1)} MiB, peak ${(figures.peakRssBytes / MIB).toFixed(1)} MiB, ` +
      `growth ${growthMib.toFixed(1)} MiB (limit < ${String(MEMORY_GROWTH_LIMIT_MIB)} MiB): ` +
      (growthMib < MEMORY_GROWTH_LIMIT_MIB ? 'PASS' : 'ABOVE'),
  ];
}

function mibPerSecond(value: number): string {
  return `${value.toFixed(1).padStart(8)} MiB/s`;
}

function seconds(values: readonly number[]): string {
  return values.map((value) => `${value.toFixed(2)} s`).join(', ');
}
