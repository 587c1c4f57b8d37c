/**
 * The benchmark's figures as text: audio seconds per CPU second of each extractor, the ratio
 * against the goal, and how Deuro's output compares with sphinx_fe's.
 */

import type { MfcComparison, RunTimes } from './extractor-runs';

/** The goal: Deuro at least as fast as sphinx_fe, in audio seconds per CPU second. */
export const SPEED_GOAL_RATIO = 1.0;

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** One extractor's runs, named for the report. */
export interface ExtractorRuns {
  readonly name: string;
  readonly runs: readonly RunTimes[];
}

/** Audio seconds per CPU second of the median run. */
export function speedOf(audioSeconds: number, runs: readonly RunTimes[]): number {
  return audioSeconds / median(runs.map((r) => r.cpuSeconds));
}

function line(audioSeconds: number, extractor: ExtractorRuns): string {
  const speed = speedOf(audioSeconds, extractor.runs);
  const cpu = extractor.runs.map((r) => `${r.cpuSeconds.toFixed(3)} s`).join(', ');
  return `${speed.toFixed(0).padStart(6)} audio s / CPU s  ${extractor.name}  (CPU ${cpu})`;
}

/** Lines with each extractor's speed and the ratios of Deuro (the first) to each baseline. */
export function formatSpeeds(audioSeconds: number, extractors: readonly ExtractorRuns[]): string[] {
  const [deuro, ...baselines] = extractors;
  if (deuro === undefined) return [];
  const lines = extractors.map((e) => line(audioSeconds, e));
  for (const baseline of baselines) {
    const ratio = speedOf(audioSeconds, deuro.runs) / speedOf(audioSeconds, baseline.runs);
    lines.push(
      `ratio vs ${baseline.name}: ${ratio.toFixed(2)}x (goal >= ${SPEED_GOAL_RATIO.toFixed(1)}x): ${ratio >= SPEED_GOAL_RATIO ? 'PASS' : 'BELOW'}`,
    );
  }
  return lines;
}

/** The output check line. */
export function formatComparison(c: MfcComparison): string {
  if (c.differing < 0) return `check: frame counts differ (${String(c.values)} values): MISMATCH`;
  if (c.differing === 0) {
    return `check: Deuro's .mfc equals sphinx_fe's (same-work flags) bit for bit, ${String(c.values)} values`;
  }
  return (
    `check: ${String(c.differing)} of ${String(c.values)} values differ from sphinx_fe's, ` +
    `largest by ${c.maxAbsDifference.toExponential(2)}`
  );
}

/**
 * The headline: Deuro against sphinx_fe doing the same work (no dither, no noise or silence
 * removal), the like-for-like comparison the goal is judged on.
 */
export function formatHeadline(ratioToSameWork: number): string {
  const verdict =
    ratioToSameWork >= SPEED_GOAL_RATIO
      ? 'meets the goal'
      : `BELOW the goal of ${SPEED_GOAL_RATIO.toFixed(1)}x`;
  return `headline (like for like: sphinx_fe with the same-work flags): ${ratioToSameWork.toFixed(2)}x, ${verdict}`;
}
