/**
 * A workload's figures over all its measured rounds: throughput is committed
 * transactions over the rounds' summed wall time (Caliper's definition of
 * throughput), percentiles are over every committed transaction's latency.
 */
import type { RoundResult } from './closed-loop';
import { latencyPercentiles, type LatencyPercentiles } from './latency-stats';

/** One workload's measured figures. */
export interface WorkloadSummary {
  readonly name: string;
  readonly payloadBytes: number;
  /** Submitted in the measured rounds. */
  readonly transactions: number;
  readonly committed: number;
  /** Failed submissions by reason, over all rounds. */
  readonly failures: ReadonlyMap<string, number>;
  /** Committed transactions per second over all rounds. */
  readonly tps: number;
  /** Each round's own throughput, in round order. */
  readonly roundTps: readonly number[];
  readonly latency: LatencyPercentiles;
}

/** Committed transactions per second of one round. */
export function roundTps(round: RoundResult): number {
  return round.wallMs > 0 ? (round.committed * 1000) / round.wallMs : 0;
}

/** Adds up a workload's rounds. */
export function summarizeWorkload(
  name: string,
  payloadBytes: number,
  rounds: readonly RoundResult[],
): WorkloadSummary {
  const failures = new Map<string, number>();
  for (const round of rounds) {
    for (const [reason, count] of round.failures) {
      failures.set(reason, (failures.get(reason) ?? 0) + count);
    }
  }
  const committed = sum(rounds.map((round) => round.committed));
  const failed = sum([...failures.values()]);
  const wallMs = sum(rounds.map((round) => round.wallMs));
  return {
    name,
    payloadBytes,
    transactions: committed + failed,
    committed,
    failures,
    tps: wallMs > 0 ? (committed * 1000) / wallMs : 0,
    roundTps: rounds.map(roundTps),
    latency: latencyPercentiles(rounds.flatMap((round) => round.latenciesMs)),
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
