/**
 * The benchmark's schedule: a warm-up of every workload, then measured rounds
 * in which the workloads alternate, mirrored every other round (A B, B A,
 * A B, ...), so that drift over the run (a growing ledger, a warming JIT)
 * weighs on every workload alike.
 */
import { runClosedLoop, type RoundResult } from './closed-loop';
import type { ProgressLog } from './progress-log';
import { roundTps, summarizeWorkload, type WorkloadSummary } from './workload-summary';
import type { Workload } from './workload';

/** Options for {@link runLedgerBench}. */
export interface LedgerBenchOptions {
  /** The workloads, baseline first. */
  readonly workloads: readonly Workload[];
  readonly concurrency: number;
  /** Measured transactions per workload, split over the rounds. */
  readonly transactions: number;
  /** Unmeasured transactions per workload first. */
  readonly warmup: number;
  readonly rounds: number;
  readonly log: ProgressLog;
}

/** Runs the warm-up and the rounds; returns one summary per workload, in the given order. */
export async function runLedgerBench(options: LedgerBenchOptions): Promise<WorkloadSummary[]> {
  const { workloads, log } = options;
  if (options.warmup > 0) {
    for (const workload of workloads) {
      const result = await runBatch(options, workload, 0, options.warmup, 'warm-up');
      log(`warm-up ${workload.name}: ${describeRound(result)}`);
    }
  }
  const results = new Map<Workload, RoundResult[]>(workloads.map((workload) => [workload, []]));
  for (let round = 1; round <= options.rounds; round++) {
    const order = round % 2 === 1 ? workloads : [...workloads].reverse();
    const count = roundSize(options.transactions, options.rounds, round);
    for (const workload of order) {
      const label = `round ${String(round)}/${String(options.rounds)}`;
      const result = await runBatch(options, workload, round, count, label);
      results.get(workload)?.push(result);
      log(`${label} ${workload.name}: ${describeRound(result)}`);
    }
  }
  return workloads.map((workload) =>
    summarizeWorkload(workload.name, workload.payloadBytes, results.get(workload) ?? []),
  );
}

function runBatch(
  options: LedgerBenchOptions,
  workload: Workload,
  batch: number,
  count: number,
  label: string,
): Promise<RoundResult> {
  options.log(`${label} ${workload.name}: ${String(count)} transactions...`);
  return runClosedLoop({
    count,
    concurrency: options.concurrency,
    submit: (index) => workload.submit(batch, index),
    onProgress: (finished) => {
      if (finished < count) {
        options.log(`  ${workload.name} ${String(finished)}/${String(count)}`);
      }
    },
    progressEvery: Math.max(50, Math.ceil(count / 4)),
  });
}

/** The share of `transactions` that round `round` (1-based) of `rounds` submits. */
export function roundSize(transactions: number, rounds: number, round: number): number {
  const base = Math.floor(transactions / rounds);
  return base + (round <= transactions % rounds ? 1 : 0);
}

function describeRound(result: RoundResult): string {
  const failed = [...result.failures.values()].reduce((total, count) => total + count, 0);
  return `${String(result.committed)} committed, ${String(failed)} failed in ${(result.wallMs / 1000).toFixed(1)} s = ${roundTps(result).toFixed(1)} TPS`;
}
