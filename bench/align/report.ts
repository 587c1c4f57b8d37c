/**
 * The benchmark's figures as text: realtime factor (processing seconds / audio seconds) of each
 * aligner, the ratio of pocketsphinx's (wide beams) to Deuro's against the goal, Deuro's peak
 * memory, and how far the two agree on word boundaries.
 */

/** One aligner's run: its time, or why it failed. */
export type AlignerRun =
  | { readonly name: string; readonly seconds: number; readonly note?: string }
  | { readonly name: string; readonly failure: string };

/** The goal: Deuro faster than pocketsphinx with wide beams (ratio > 1). */
export const SPEED_GOAL_RATIO = 1;

/** Processing time over audio time. */
export function realtimeFactor(seconds: number, audioSeconds: number): number {
  return seconds / audioSeconds;
}

function row(run: AlignerRun, audioSeconds: number): string {
  if ('failure' in run) return `  ${run.name.padEnd(34)} failed: ${run.failure}`;
  const rtf = realtimeFactor(run.seconds, audioSeconds);
  const note = run.note === undefined ? '' : `  (${run.note})`;
  return `  ${run.name.padEnd(34)} ${run.seconds.toFixed(1).padStart(8)} s   RTF ${rtf.toFixed(4)}${note}`;
}

/**
 * The speed table and the ratio line.
 *
 * @param deuro - Deuro's alignment run (search only, model loaded before).
 * @param baseline - the pocketsphinx run the goal is about (wide beams).
 * @param others - further rows (pocketsphinx with default beams).
 */
export function formatSpeed(
  audioSeconds: number,
  deuro: AlignerRun,
  baseline: AlignerRun,
  others: readonly AlignerRun[],
): string[] {
  const lines = [
    `realtime factor = processing seconds / ${audioSeconds.toFixed(1)} s of audio (lower is faster)`,
    row(deuro, audioSeconds),
    row(baseline, audioSeconds),
    ...others.map((run) => row(run, audioSeconds)),
  ];
  if ('seconds' in deuro && 'seconds' in baseline) {
    const ratio = baseline.seconds / deuro.seconds;
    const verdict = ratio > SPEED_GOAL_RATIO ? 'goal met' : 'goal NOT met';
    lines.push(
      `ratio ${baseline.name} / deuro: ${ratio.toFixed(2)}x (goal > ${SPEED_GOAL_RATIO.toFixed(2)}x: ${verdict})`,
    );
  } else {
    lines.push('ratio: not available (a run failed)');
  }
  return lines;
}

/** Peak and before-alignment resident memory in MiB. */
export function formatMemory(rssBeforeAlignBytes: number, peakRssBytes: number): string {
  const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
  return `deuro memory: peak RSS ${mib(peakRssBytes)} MiB (model and audio loaded: ${mib(rssBeforeAlignBytes)} MiB; alignment added ${mib(peakRssBytes - rssBeforeAlignBytes)} MiB)`;
}
