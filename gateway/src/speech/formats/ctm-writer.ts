/**
 * CTM (NIST time-marked conversation) output: one line per word,
 * `file channel start duration word confidence`, times in seconds with three decimals on the
 * millisecond grid of `millisecond-grid.ts` (so `start + duration` is the word's end exactly as
 * the TextGrid has it), confidence with three decimals.
 */

import type { Alignment } from '../align/index.js';
import { checkAlignmentField, FormatError, FormatErrorCode } from './errors.js';
import { toGrid } from './millisecond-grid.js';

/** Options of {@link alignmentToCtm}. */
export interface CtmOptions {
  /** The first column, a recording name without spaces; default `utterance`. */
  readonly file?: string;
  /** The second column, without spaces; default `1`. */
  readonly channel?: string;
}

const FIELD = /^\S{1,200}$/u;

function checkOption(value: string, field: string): string {
  if (!FIELD.test(value)) {
    throw new FormatError(
      FormatErrorCode.invalidParameter,
      `${field} must be 1 to 200 characters without spaces`,
      {
        field,
        value: value.slice(0, 80),
      },
    );
  }
  return value;
}

function fixed3(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/**
 * Writes an alignment's words as CTM.
 *
 * @param a - the alignment; words in time order, labels without spaces, confidences in [0, 1].
 * @param options - the file and channel columns.
 * @returns one line per word, each ending in `\n` (empty for no words).
 * @throws {FormatError} `DEURO_FORMAT_INVALID_ALIGNMENT` naming a bad time, label or confidence;
 * `DEURO_FORMAT_INVALID_PARAMETER` for a bad `file` or `channel`.
 */
export function alignmentToCtm(a: Alignment, options: CtmOptions = {}): string {
  const file = checkOption(options.file ?? 'utterance', 'file');
  const channel = checkOption(options.channel ?? '1', 'channel');
  const grid = toGrid(a.words, 'words');
  return a.words
    .map((word, i) => {
      const field = `words[${String(i)}]`;
      checkAlignmentField(
        FIELD.test(word.label),
        `${field}.label`,
        word.label,
        'a word without spaces',
      );
      checkAlignmentField(
        word.confidence >= 0 && word.confidence <= 1,
        `${field}.confidence`,
        word.confidence,
        'from 0 to 1',
      );
      const { startMs, endMs } = grid[i] ?? { startMs: 0, endMs: 0 };
      return `${file} ${channel} ${fixed3(startMs)} ${fixed3(endMs - startMs)} ${word.label} ${word.confidence.toFixed(3)}\n`;
    })
    .join('');
}
