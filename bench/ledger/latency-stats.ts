/**
 * Latency percentiles by the nearest-rank method: p95 is the smallest sample
 * that at least 95 % of the samples do not exceed, so every figure printed
 * is a latency that a transaction really had.
 */

/** Percentiles of a set of latencies, in milliseconds. */
export interface LatencyPercentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/**
 * The nearest-rank percentile `p` (0 < p <= 100) of `sortedMs`, sorted ascending.
 * @returns NaN when there are no samples.
 */
export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) {
    return Number.NaN;
  }
  const rank = Math.max(1, Math.ceil((p / 100) * sortedMs.length));
  return sortedMs[rank - 1] ?? Number.NaN;
}

/** p50, p95 and p99 of unsorted latencies (NaN when there are none). */
export function latencyPercentiles(latenciesMs: readonly number[]): LatencyPercentiles {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}
