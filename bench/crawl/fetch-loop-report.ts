/**
 * The fetch-loop baseline's flags and report: medians of pages per second per mode and the
 * crawler's ratios to the plain loop.
 */
import type { FetchLoopBenchOptions, FetchLoopFigures, FetchLoopMode } from './fetch-loop';

/** The defaults of the standalone run. */
export const FETCH_LOOP_DEFAULTS: FetchLoopBenchOptions = {
  pages: 2000,
  concurrency: 8,
  rounds: 3,
};

const LIMITS: Record<keyof FetchLoopBenchOptions, [number, number]> = {
  pages: [1, 5000],
  concurrency: [1, 256],
  rounds: [1, 50],
};

const LABELS: Record<FetchLoopMode, string> = {
  plain: 'plain http.get loop (baseline)',
  crawler: 'crawlBatch, no ledger',
  'crawler-memory': 'crawlBatch, bodies in memory',
};

/**
 * Read `--pages`, `--concurrency` and `--rounds` (whole numbers in range).
 * @throws Error naming the flag when it is unknown or its value is not valid.
 */
export function parseFetchLoopArgs(argv: readonly string[]): FetchLoopBenchOptions {
  const options: Record<keyof FetchLoopBenchOptions, number> = { ...FETCH_LOOP_DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] ?? '';
    const key = flag.replace(/^--/, '') as keyof FetchLoopBenchOptions;
    const limits = LIMITS[key] as [number, number] | undefined;
    const value = Number(argv[i + 1]);
    if (!flag.startsWith('--') || limits === undefined) {
      throw new Error(`unknown flag ${flag} (flags: --pages, --concurrency, --rounds)`);
    }
    if (!Number.isInteger(value) || value < limits[0] || value > limits[1]) {
      throw new Error(
        `${flag} must be a whole number in [${String(limits[0])}, ${String(limits[1])}]`,
      );
    }
    options[key] = value;
  }
  return options;
}

/** The median pages per second of each mode measured. */
export function summariseFetchLoops(
  figures: readonly FetchLoopFigures[],
): Partial<Record<FetchLoopMode, number>> {
  const summary: Partial<Record<FetchLoopMode, number>> = {};
  for (const mode of Object.keys(LABELS) as FetchLoopMode[]) {
    const values = figures.filter((f) => f.mode === mode).map((f) => f.pagesPerSecond);
    if (values.length > 0) {
      summary[mode] = median(values);
    }
  }
  return summary;
}

/** Lines describing the runs, their medians and the ratios to the plain loop. */
export function formatFetchLoops(figures: readonly FetchLoopFigures[]): string[] {
  const summary = summariseFetchLoops(figures);
  const first = figures[0];
  const lines = [
    `${String(first?.pages ?? 0)} pages, concurrency ${String(first?.concurrency ?? 0)}, ` +
      `median of ${String(figures.filter((f) => f.mode === first?.mode).length)} runs per loop`,
  ];
  for (const [mode, pagesPerSecond] of Object.entries(summary) as [FetchLoopMode, number][]) {
    const runs = figures
      .filter((f) => f.mode === mode)
      .map((f) => f.pagesPerSecond.toFixed(0))
      .join(', ');
    lines.push(
      `${LABELS[mode].padEnd(32)} ${pagesPerSecond.toFixed(1).padStart(9)} pages/s  (runs: ${runs})`,
    );
  }
  for (const mode of ['crawler', 'crawler-memory'] as const) {
    const value = summary[mode];
    if (value !== undefined && summary.plain !== undefined) {
      lines.push(`ratio ${LABELS[mode]} / plain: ${(value / summary.plain).toFixed(2)}x`);
    }
  }
  return lines;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
