/**
 * Options of the pocketsphinx reference aligner, their defaults and their validation.
 */

import { checkReferenceParameter } from './errors.js';

/** Beam widths (probabilities; smaller is wider), as pocketsphinx's `-beam`, `-wbeam`, `-pbeam`. */
export interface PocketsphinxBeams {
  readonly beam: number;
  readonly wbeam: number;
  readonly pbeam: number;
}

/** pocketsphinx 5prealpha's own defaults (`-beam 1e-48 -wbeam 7e-29 -pbeam 1e-48`). */
export const DEFAULT_POCKETSPHINX_BEAMS: PocketsphinxBeams = {
  beam: 1e-48,
  wbeam: 7e-29,
  pbeam: 1e-48,
};

/** Wide beams that keep a path through long utterances: `-beam 1e-80 -wbeam 1e-60 -pbeam 1e-80`. */
export const WIDE_POCKETSPHINX_BEAMS: PocketsphinxBeams = {
  beam: 1e-80,
  wbeam: 1e-60,
  pbeam: 1e-80,
};

/** Options of {@link alignWithPocketsphinx}. */
export interface PocketsphinxOptions {
  /**
   * `default` passes no beam flag (pocketsphinx's defaults), `wide` passes
   * {@link WIDE_POCKETSPHINX_BEAMS}, or give the three beams. Default `default`.
   */
  readonly beams?: 'default' | 'wide' | PocketsphinxBeams;
  /** The acoustic model folder (`-hmm`); default Debian's `pocketsphinx-en-us` one. */
  readonly modelDir?: string;
  /** The pronouncing dictionary (`-dict`); default Debian's `cmudict-en-us.dict`. */
  readonly dictionary?: string;
  /** The program; default `pocketsphinx_continuous` on the PATH. */
  readonly program?: string;
  /** Kill pocketsphinx after this many ms (0: never); default 0. */
  readonly timeoutMs?: number;
}

/** {@link PocketsphinxOptions} with every default filled in. */
export interface ResolvedPocketsphinxOptions {
  /** Undefined for pocketsphinx's defaults (no flag passed). */
  readonly beams: PocketsphinxBeams | undefined;
  readonly modelDir: string;
  readonly dictionary: string;
  readonly program: string;
  readonly timeoutMs: number;
}

/** Where Debian's `pocketsphinx-en-us` puts the model and the dictionary. */
export const DEBIAN_EN_US = {
  modelDir: '/usr/share/pocketsphinx/model/en-us/en-us',
  dictionary: '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict',
} as const;

function isProbability(value: number): boolean {
  return Number.isFinite(value) && value > 0 && value < 1;
}

function resolveBeams(beams: PocketsphinxOptions['beams']): PocketsphinxBeams | undefined {
  if (beams === undefined || beams === 'default') return undefined;
  if (beams === 'wide') return WIDE_POCKETSPHINX_BEAMS;
  checkReferenceParameter(
    typeof beams === 'object',
    'beams',
    beams,
    "'default', 'wide' or { beam, wbeam, pbeam }",
  );
  for (const key of ['beam', 'wbeam', 'pbeam'] as const) {
    checkReferenceParameter(
      isProbability(beams[key]),
      `beams.${key}`,
      beams[key],
      'a probability between 0 and 1',
    );
  }
  return beams;
}

/**
 * Fills in the defaults and checks every option.
 * @throws {ReferenceAlignerError} `DEURO_REFERENCE_INVALID_PARAMETER` naming the first bad option.
 */
export function resolvePocketsphinxOptions(
  options: PocketsphinxOptions,
): ResolvedPocketsphinxOptions {
  const timeoutMs = options.timeoutMs ?? 0;
  checkReferenceParameter(
    Number.isInteger(timeoutMs) && timeoutMs >= 0,
    'timeoutMs',
    timeoutMs,
    'a whole number >= 0',
  );
  const resolved = {
    beams: resolveBeams(options.beams),
    modelDir: options.modelDir ?? DEBIAN_EN_US.modelDir,
    dictionary: options.dictionary ?? DEBIAN_EN_US.dictionary,
    program: options.program ?? 'pocketsphinx_continuous',
    timeoutMs,
  };
  for (const key of ['modelDir', 'dictionary', 'program'] as const) {
    checkReferenceParameter(resolved[key].length > 0, key, resolved[key], 'a path');
  }
  return resolved;
}

/** The beam flags for the command line: none for pocketsphinx's defaults. */
export function beamArguments(beams: PocketsphinxBeams | undefined): string[] {
  if (beams === undefined) return [];
  return [
    '-beam',
    String(beams.beam),
    '-wbeam',
    String(beams.wbeam),
    '-pbeam',
    String(beams.pbeam),
  ];
}
