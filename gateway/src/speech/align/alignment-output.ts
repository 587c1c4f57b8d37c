/**
 * From the search's best path to the {@link Alignment}: phones with their CI labels, words in
 * the transcript's spelling with the pronunciation taken, times in seconds (frame k starts at
 * k / 100 s; the last end is clamped to the recording's length), word edges at pauses placed by
 * energy (`boundary-refinement.ts`), the word confidences and the verdict (both from the path's
 * scores, not moved by the refinement).
 */

import type { AcousticModel } from '../model/index.js';
import type { AlignedPhone, AlignedWord, Alignment } from './alignment.js';
import { refineWordEdges, type FramePhone } from './boundary-refinement.js';
import type { SettledPhone } from './history.js';
import type { HmmNetwork } from './hmm-network.js';
import type { TranscriptWord } from './transcript.js';
import { spanRatio, verdictScore, wordConfidence, type ScoredSpan } from './verdict.js';

/** What the output is made from. */
export interface AlignmentParts {
  readonly model: AcousticModel;
  readonly network: HmmNetwork;
  readonly words: readonly TranscriptWord[];
  readonly path: readonly SettledPhone[];
  readonly loopScores: Float64Array;
  readonly frames: number;
  readonly duration: number;
  readonly threshold: number;
  /** See `verdictScore`. */
  readonly worstWordMargin: number;
  /** `hopEnergies` of the recording, one per frame. */
  readonly energies: Float64Array;
}

const FRAME_SECONDS = 0.01;

function seconds(frame: number, duration: number): number {
  return Math.min(Math.round(frame * FRAME_SECONDS * 1e6) / 1e6, duration);
}

interface WordRun {
  readonly word: number;
  readonly pronunciation: number;
  readonly span: ScoredSpan;
}

/** The runs of consecutive phones of each transcript word on the path, in order. */
function wordRuns(parts: AlignmentParts): WordRun[] {
  const runs: WordRun[] = [];
  let first: SettledPhone | undefined;
  let last: SettledPhone | undefined;
  const close = (): void => {
    if (first === undefined || last === undefined) return;
    runs.push({
      word: parts.network.word[first.node] ?? -1,
      pronunciation: parts.network.pronunciation[first.node] ?? 0,
      span: { start: first.start, end: last.end, forced: last.endScore - first.startScore },
    });
    first = undefined;
  };
  for (const phone of parts.path) {
    const w = parts.network.word[phone.node] ?? -1;
    if (first !== undefined && parts.network.word[first.node] !== w) close();
    if (w < 0) continue;
    first ??= phone;
    last = phone;
  }
  close();
  return runs;
}

/** The path's phones in frames, word edges at pauses refined. */
function framePhones(parts: AlignmentParts): FramePhone[] {
  const { model, network } = parts;
  const ciPhones = model.definition.ciPhones;
  const phones = parts.path.map((p) => ({
    label: ciPhones[network.base[p.node] ?? 0] ?? '',
    word: network.word[p.node] ?? -1,
    start: p.start,
    end: p.end,
  }));
  return refineWordEdges(phones, parts.energies, ciPhones[model.definition.silence] ?? 'SIL');
}

/** Builds the alignment from the best path. */
export function alignmentFromPath(parts: AlignmentParts): Alignment {
  const { duration } = parts;
  const runs = wordRuns(parts);
  const refined = framePhones(parts);
  const words: AlignedWord[] = runs.map((run) => {
    const word = parts.words[run.word];
    const own = refined.filter((p) => p.word === run.word);
    const start = own[0]?.start ?? run.span.start;
    const end = own.at(-1)?.end ?? run.span.end;
    return {
      label: word?.text ?? '',
      start: seconds(start, duration),
      end: seconds(end + 1, duration),
      confidence: wordConfidence(spanRatio(run.span, parts.loopScores)),
      pronunciation: [...(word?.pronunciations[run.pronunciation] ?? [])],
    };
  });
  const phones: AlignedPhone[] = refined.map((p) => ({
    label: p.label,
    start: seconds(p.start, duration),
    end: seconds(p.end + 1, duration),
    word: p.word,
  }));
  const score = verdictScore(
    runs.map((run) => run.span),
    parts.loopScores,
    parts.worstWordMargin,
  );
  return {
    duration,
    words,
    phones,
    verdict: { aligned: score >= parts.threshold, score, threshold: parts.threshold },
    frames: parts.frames,
  };
}
