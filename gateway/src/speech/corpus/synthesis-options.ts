/**
 * The options of {@link synthesizeWords} and {@link synthesizeSentence}, their defaults and their
 * validation (every rejected option is named in a `DEURO_CORPUS_INVALID_PARAMETER`).
 */

import { checkCorpusParameter } from './errors.js';

/** Options shared by every synthesis call. */
export interface SynthesisOptions {
  /** espeak-ng voice (`-v`), e.g. `en-us`, `en-gb`, `en-us+f3`; default `en-us`. */
  readonly voice?: string;
  /** Speaking rate in words per minute (`-s`), 80–450; default 160. */
  readonly rate?: number;
  /** Pitch (`-p`), 0–99; default 50. */
  readonly pitch?: number;
  /** Silence before the first and after the last word, in ms, 0–10000; default 300. */
  readonly paddingMs?: number;
  /** Seed of every random choice (default pauses, noise), 0–2^32-1; default 0. */
  readonly seed?: number;
  /**
   * RMS level of white Gaussian noise added to the whole output, in dBFS (-120–0, e.g. -45);
   * default none.
   */
  readonly noiseDbfs?: number;
  /** Output sample rate; only 16000 (the acoustic model's). */
  readonly sampleRate?: 16000;
  /** The espeak-ng program; default `espeak-ng` on the PATH. */
  readonly program?: string;
}

/** Options of {@link synthesizeWords}. */
export interface SynthesizeWordsOptions extends SynthesisOptions {
  /**
   * Silence between consecutive words in ms (0–10000): `words.length - 1` entries, or one entry
   * used for every pause. Default: each pause drawn from the seed, uniform over 100, 110, ...,
   * 400 ms.
   */
  readonly gapsMs?: readonly number[];
}

/** {@link SynthesisOptions} with every default filled in. */
export interface ResolvedSynthesisOptions {
  readonly voice: string;
  readonly rate: number;
  readonly pitch: number;
  readonly paddingMs: number;
  readonly seed: number;
  readonly noiseDbfs: number | undefined;
  readonly sampleRate: 16000;
  readonly program: string;
}

/** The defaults of {@link SynthesisOptions}. */
export const SYNTHESIS_DEFAULTS = {
  voice: 'en-us',
  rate: 160,
  pitch: 50,
  paddingMs: 300,
  seed: 0,
  sampleRate: 16000,
  program: 'espeak-ng',
} as const;

/** Range of the seeded default pauses of {@link synthesizeWords}, in ms, and their step. */
export const DEFAULT_GAP_RANGE_MS = { min: 100, max: 400, step: 10 } as const;

const VOICE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_+.-]{0,63}$/;

function isIn(value: number, min: number, max: number): boolean {
  return Number.isFinite(value) && value >= min && value <= max;
}

/**
 * Fills in the defaults and checks every option.
 * @throws {CorpusError} `DEURO_CORPUS_INVALID_PARAMETER` naming the first bad option.
 */
export function resolveSynthesisOptions(options: SynthesisOptions): ResolvedSynthesisOptions {
  const r = { ...SYNTHESIS_DEFAULTS, ...stripUndefined(options) };
  checkCorpusParameter(VOICE_PATTERN.test(r.voice), 'voice', r.voice, 'an espeak-ng voice name');
  checkCorpusParameter(
    Number.isInteger(r.rate) && isIn(r.rate, 80, 450),
    'rate',
    r.rate,
    'a whole number from 80 to 450',
  );
  checkCorpusParameter(
    Number.isInteger(r.pitch) && isIn(r.pitch, 0, 99),
    'pitch',
    r.pitch,
    'a whole number from 0 to 99',
  );
  checkCorpusParameter(isIn(r.paddingMs, 0, 10000), 'paddingMs', r.paddingMs, 'from 0 to 10000');
  checkCorpusParameter(
    Number.isInteger(r.seed) && isIn(r.seed, 0, 2 ** 32 - 1),
    'seed',
    r.seed,
    'a whole number from 0 to 2^32-1',
  );
  checkCorpusParameter((r.sampleRate as number) === 16000, 'sampleRate', r.sampleRate, '16000');
  checkCorpusParameter(r.program.length > 0, 'program', r.program, 'a program name');
  const noiseDbfs = options.noiseDbfs;
  if (noiseDbfs !== undefined) {
    checkCorpusParameter(isIn(noiseDbfs, -120, 0), 'noiseDbfs', noiseDbfs, 'from -120 to 0');
  }
  return { ...r, noiseDbfs };
}

function stripUndefined(options: SynthesisOptions): Partial<ResolvedSynthesisOptions> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && key !== 'gapsMs' && key !== 'noiseDbfs') out[key] = value;
  }
  return out;
}

/**
 * The pauses between `wordCount` words in ms: `gapsMs` checked and expanded, or the seeded
 * defaults.
 * @throws {CorpusError} `DEURO_CORPUS_INVALID_PARAMETER` for a wrong count or a pause out of range.
 */
export function resolveGaps(
  gapsMs: readonly number[] | undefined,
  wordCount: number,
  next: () => number,
): number[] {
  const pauses = Math.max(0, wordCount - 1);
  if (gapsMs === undefined) {
    const { min, max, step } = DEFAULT_GAP_RANGE_MS;
    const choices = (max - min) / step + 1;
    return Array.from({ length: pauses }, () => min + step * Math.floor(next() * choices));
  }
  checkCorpusParameter(
    gapsMs.length === pauses || gapsMs.length === 1,
    'gapsMs',
    gapsMs.length,
    `${String(pauses)} entries (one per pause) or 1 entry`,
  );
  gapsMs.forEach((gap, index) => {
    checkCorpusParameter(isIn(gap, 0, 10000), `gapsMs[${String(index)}]`, gap, 'from 0 to 10000');
  });
  return gapsMs.length === pauses
    ? [...gapsMs]
    : Array.from({ length: pauses }, () => gapsMs[0] ?? 0);
}
