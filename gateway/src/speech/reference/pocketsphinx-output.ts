/**
 * Reading `pocketsphinx_continuous -time yes` output.
 *
 * For each utterance it prints the hypothesis on one line, then one line per segment:
 * `word start end posterior`, with start and end in seconds of the first and the LAST frame
 * (`frame / frate`; the end frame is included, so the next segment starts one frame later).
 * A segment therefore spans [start, end + 1/frate). Silence and fillers (`<s>`, `</s>`, `<sil>`,
 * `[NOISE]`, `+BREATH+`...) are dropped; an alternate pronunciation's marker (`market(2)`) is
 * removed.
 */

import type { TimedSegment } from '../align/index.js';
import { ReferenceAlignerError, ReferenceAlignerErrorCode } from './errors.js';

/** What the output says. */
export interface PocketsphinxOutput {
  /** The hypothesis lines (one per utterance pocketsphinx found). */
  readonly hypotheses: string[];
  /** The words with times, fillers dropped. */
  readonly words: TimedSegment[];
}

const SEGMENT = /^(\S+) (-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/u;

/** Whether a pocketsphinx segment label is silence or a filler rather than a word. */
export function isFillerLabel(label: string): boolean {
  return /^[<[+]/u.test(label);
}

/**
 * Parses the standard output of `pocketsphinx_continuous -time yes`.
 *
 * @param stdout - the program's standard output.
 * @param frameRate - its `-frate` (default 100 frames per second).
 * @throws {ReferenceAlignerError} `DEURO_REFERENCE_POCKETSPHINX_FAILED` when a segment's times are
 * not in order.
 */
export function parsePocketsphinxOutput(stdout: string, frameRate = 100): PocketsphinxOutput {
  const hypotheses: string[] = [];
  const words: TimedSegment[] = [];
  for (const line of stdout.split('\n').map((l) => l.trim())) {
    if (line === '') continue;
    const segment = parseSegmentLine(line, frameRate);
    if (segment === undefined) hypotheses.push(line);
    else if (!isFillerLabel(segment.label)) words.push(segment);
  }
  return { hypotheses, words };
}

function parseSegmentLine(line: string, frameRate: number): TimedSegment | undefined {
  const match = SEGMENT.exec(line);
  if (match === null) return undefined;
  const [, label = '', first = '', last = ''] = match;
  const start = Math.round(Number(first) * frameRate) / frameRate;
  const end = (Math.round(Number(last) * frameRate) + 1) / frameRate;
  if (!(start >= 0 && end > start)) {
    throw new ReferenceAlignerError(
      ReferenceAlignerErrorCode.failed,
      `pocketsphinx printed a segment out of order: ${line}`,
    );
  }
  return { label: label.replace(/\(\d+\)$/u, ''), start, end };
}
