/**
 * A reader of Praat TextGrids in the text formats (long, as Praat and {@link alignmentToTextGrid}
 * write it, and short), for tests and tools.
 *
 * Praat's text files are a sequence of values: numbers, strings in double quotes (a `""` inside
 * is one `"`), and the flags `<exists>`/`<absent>`. The long format adds labels (`xmin =`,
 * `intervals: size =`) and indices in brackets (`item [1]:`), which the reader skips, as Praat
 * does. IntervalTiers and TextTiers are read.
 */

import { FormatError, FormatErrorCode } from './errors.js';

/** An interval of a parsed IntervalTier. */
export interface TextGridInterval {
  readonly xmin: number;
  readonly xmax: number;
  readonly text: string;
}

/** A point of a parsed TextTier. */
export interface TextGridPoint {
  readonly time: number;
  readonly mark: string;
}

/** A parsed tier: an IntervalTier has `intervals` (no `points`), a TextTier `points`. */
export interface TextGridTier {
  readonly kind: 'IntervalTier' | 'TextTier';
  readonly name: string;
  readonly xmin: number;
  readonly xmax: number;
  /** The intervals of an IntervalTier; empty for a TextTier. */
  readonly intervals: TextGridInterval[];
  /** The points of a TextTier; empty for an IntervalTier. */
  readonly points: TextGridPoint[];
}

/** A parsed TextGrid. */
export interface TextGrid {
  readonly xmin: number;
  readonly xmax: number;
  readonly tiers: TextGridTier[];
}

type Token =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string' | 'flag'; readonly value: string };

function malformed(detail: string): FormatError {
  return new FormatError(FormatErrorCode.malformedTextGrid, detail);
}

const TOKEN =
  /"((?:[^"]|"")*)"|<(exists|absent)>|\[[^\]\n]*\]|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|[^\s"<[]+|\S/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.replace(/^\uFEFF/u, '').matchAll(TOKEN)) {
    const [, quoted, flag, numeric] = match;
    if (quoted !== undefined) tokens.push({ kind: 'string', value: quoted.replaceAll('""', '"') });
    else if (flag !== undefined) tokens.push({ kind: 'flag', value: flag });
    else if (numeric !== undefined) tokens.push({ kind: 'number', value: Number(numeric) });
  }
  return tokens;
}

class TokenReader {
  readonly #tokens: Token[];
  #at = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  #next(kind: Token['kind'], what: string): Token {
    const token = this.#tokens[this.#at++];
    if (token?.kind !== kind) {
      throw malformed(
        `expected ${what} as value ${String(this.#at)}, found ${token === undefined ? 'the end' : JSON.stringify(token.value)}`,
      );
    }
    return token;
  }

  number(what: string): number {
    return this.#next('number', what).value as number;
  }

  count(what: string): number {
    const value = this.number(what);
    if (!Number.isInteger(value) || value < 0)
      throw malformed(`${what} must be a whole number (got ${String(value)})`);
    return value;
  }

  string(what: string): string {
    return this.#next('string', what).value as string;
  }

  flag(what: string): string {
    return this.#next('flag', what).value as string;
  }
}

function readTier(reader: TokenReader, index: number): TextGridTier {
  const kind = reader.string(`tier ${String(index)} class`);
  const name = reader.string(`tier ${String(index)} name`);
  const xmin = reader.number('tier xmin');
  const xmax = reader.number('tier xmax');
  const size = reader.count('tier size');
  if (kind === 'IntervalTier') {
    const intervals = Array.from({ length: size }, () => ({
      xmin: reader.number('interval xmin'),
      xmax: reader.number('interval xmax'),
      text: reader.string('interval text'),
    }));
    return { kind, name, xmin, xmax, intervals, points: [] };
  }
  if (kind === 'TextTier') {
    const points = Array.from({ length: size }, () => ({
      time: reader.number('point time'),
      mark: reader.string('point mark'),
    }));
    return { kind, name, xmin, xmax, intervals: [], points };
  }
  throw malformed(
    `tier ${String(index)} has class ${JSON.stringify(kind)}, not IntervalTier or TextTier`,
  );
}

/**
 * Reads a TextGrid in Praat's long or short text format.
 *
 * @param text - the file's text (a UTF-8 BOM is skipped).
 * @throws {FormatError} `DEURO_FORMAT_MALFORMED_TEXTGRID` saying which value is missing or wrong.
 */
export function parseTextGrid(text: string): TextGrid {
  const reader = new TokenReader(tokenize(text));
  if (reader.string('file type') !== 'ooTextFile') throw malformed('file type is not "ooTextFile"');
  if (reader.string('object class') !== 'TextGrid')
    throw malformed('object class is not "TextGrid"');
  const xmin = reader.number('xmin');
  const xmax = reader.number('xmax');
  if (reader.flag('tiers?') !== 'exists') return { xmin, xmax, tiers: [] };
  const size = reader.count('size');
  const tiers = Array.from({ length: size }, (_, i) => readTier(reader, i + 1));
  return { xmin, xmax, tiers };
}
