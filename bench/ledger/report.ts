/**
 * The benchmark's result as printed: one row per workload, the ratio of the
 * asset workload's throughput to the baseline's against the goal, and every
 * failure by reason.
 */
import { formatTable } from './text-table';
import type { WorkloadSummary } from './workload-summary';

/** The goal: asset registration at no less than this share of the baseline's TPS. */
export const THROUGHPUT_GOAL = 0.8;

/** The report's lines. `summaries[0]` is the baseline; a second entry is compared with it. */
export function formatReport(summaries: readonly WorkloadSummary[]): string[] {
  const header = ['workload', 'payload B', 'tx', 'failed', 'TPS', 'TPS by round', 'p50 ms'];
  const rows = summaries.map((summary) => [
    summary.name,
    String(summary.payloadBytes),
    String(summary.transactions),
    String(summary.transactions - summary.committed),
    summary.tps.toFixed(1),
    summary.roundTps.map((tps) => tps.toFixed(1)).join(' '),
    milliseconds(summary.latency.p50),
    milliseconds(summary.latency.p95),
    milliseconds(summary.latency.p99),
  ]);
  const lines = formatTable([...header, 'p95 ms', 'p99 ms'], rows);
  const [baseline, candidate] = summaries;
  if (baseline !== undefined && candidate !== undefined) {
    lines.push('', ratioLine(baseline, candidate));
  }
  lines.push(...failureLines(summaries));
  return lines;
}

function ratioLine(baseline: WorkloadSummary, candidate: WorkloadSummary): string {
  const ratio = baseline.tps > 0 ? candidate.tps / baseline.tps : 0;
  const verdict = ratio >= THROUGHPUT_GOAL ? 'PASS' : 'BELOW';
  return `${candidate.name} / ${baseline.name} TPS = ${candidate.tps.toFixed(1)} / ${baseline.tps.toFixed(1)} = ${ratio.toFixed(2)}x (goal >= ${THROUGHPUT_GOAL.toFixed(2)}x): ${verdict}`;
}

function failureLines(summaries: readonly WorkloadSummary[]): string[] {
  const lines: string[] = [];
  for (const summary of summaries) {
    for (const [reason, count] of summary.failures) {
      lines.push(`  ${summary.name}: ${String(count)} x ${reason}`);
    }
  }
  return lines.length === 0
    ? ['failures: none']
    : ['failures (not retried; counted in tx, not in TPS):', ...lines];
}

function milliseconds(value: number): string {
  return Number.isNaN(value) ? '-' : value.toFixed(0);
}
