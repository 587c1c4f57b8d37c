/**
 * Praat TextGrid output in Praat's long text format (`ooTextFile`), with two IntervalTiers:
 * `words` (the aligned words) and `phones` (every aligned phone, silences and fillers with their
 * own labels). Both tiers cover 0..duration; empty intervals fill the gaps. Times are on the
 * millisecond grid of `millisecond-grid.ts`, so intervals abut exactly. Labels are written as
 * Praat strings: in double quotes, a `"` inside doubled. The text is UTF-8 (Praat reads it).
 */

import type { Alignment } from '../align/index.js';
import { FormatError, FormatErrorCode } from './errors.js';
import {
  checkTime,
  fillGaps,
  formatMs,
  toGrid,
  toMs,
  type GridSegment,
} from './millisecond-grid.js';

/** Options of {@link alignmentToTextGrid}. */
export interface TextGridOptions {
  /** Not stored in a TextGrid file: accepted for symmetry with Praat objects, checked, unused. */
  readonly name?: string;
}

/** A label as a Praat string literal. */
export function praatString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function tierLines(
  index: number,
  name: string,
  intervals: readonly GridSegment[],
  durationMs: number,
): string[] {
  const lines = [
    `    item [${String(index)}]:`,
    '        class = "IntervalTier" ',
    `        name = ${praatString(name)} `,
    '        xmin = 0 ',
    `        xmax = ${formatMs(durationMs)} `,
    `        intervals: size = ${String(intervals.length)} `,
  ];
  intervals.forEach((interval, i) => {
    lines.push(
      `        intervals [${String(i + 1)}]:`,
      `            xmin = ${formatMs(interval.startMs)} `,
      `            xmax = ${formatMs(interval.endMs)} `,
      `            text = ${praatString(interval.label)} `,
    );
  });
  return lines;
}

/**
 * Writes an alignment as a Praat TextGrid (long text format) with tiers `words` and `phones`.
 *
 * @param a - the alignment; words and phones in time order.
 * @param options - `name`: checked (no line breaks, at most 200 characters) but not written, as
 * Praat keeps an object's name outside the file.
 * @returns the file's text, lines ending in `\n`.
 * @throws {FormatError} `DEURO_FORMAT_INVALID_ALIGNMENT` naming the time that cannot be written,
 * `DEURO_FORMAT_INVALID_PARAMETER` for a bad name.
 */
export function alignmentToTextGrid(a: Alignment, options: TextGridOptions = {}): string {
  const name = options.name;
  if (name !== undefined && (name.length > 200 || /[\r\n]/.test(name))) {
    throw new FormatError(
      FormatErrorCode.invalidParameter,
      'name must be one line of at most 200 characters',
      {
        field: 'name',
        value: name.slice(0, 80),
      },
    );
  }
  checkTime(a.duration, 'duration');
  const words = toGrid(a.words, 'words');
  const phones = toGrid(a.phones, 'phones');
  const durationMs = Math.max(
    toMs(a.duration),
    words.at(-1)?.endMs ?? 0,
    phones.at(-1)?.endMs ?? 0,
    1,
  );
  const lines = [
    'File type = "ooTextFile"',
    'Object class = "TextGrid"',
    '',
    'xmin = 0 ',
    `xmax = ${formatMs(durationMs)} `,
    'tiers? <exists> ',
    'size = 2 ',
    'item []: ',
    ...tierLines(1, 'words', fillGaps(words, durationMs), durationMs),
    ...tierLines(2, 'phones', fillGaps(phones, durationMs), durationMs),
  ];
  return `${lines.join('\n')}\n`;
}
