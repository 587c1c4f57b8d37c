/**
 * Options of the aligner, their defaults and their validation. Scores are natural logs;
 * penalties are positive costs (a penalty p multiplies the path's probability by e^-p).
 */

import { DITHER_STEPS } from '../model/dither.js';
import { checkOption } from './speech-error.js';

/** Options of `alignTranscript`; every field optional. */
export interface AlignOptions {
  /** Forced-search beam: states this far below the frame's best are dropped (nats). */
  readonly beam?: number;
  /**
   * Beam of a second search when no path reached the end within `beam` (as Kaldi's
   * `--retry-beam`); a value not above `beam` means no retry.
   */
  readonly retryBeam?: number;
  /** Phone-loop beam (nats). */
  readonly loopBeam?: number;
  /** Cost of each phone the free phone loop enters (nats). */
  readonly phoneInsertionPenalty?: number;
  /** Cost of each optional silence between words (nats). */
  readonly silencePenalty?: number;
  /** Cost of each optional noise filler (+NSN+, +SPN+) between words (nats). */
  readonly fillerPenalty?: number;
  /** Verdict threshold on the verdict score (nats per frame, see `verdict.ts`). */
  readonly verdictThreshold?: number;
  /**
   * How far below the threshold the worst word's own ratio may be (nats per frame): the
   * verdict score is min(mean ratio, worst word's ratio + margin). `Infinity` leaves the mean
   * ratio alone.
   */
  readonly worstWordMargin?: number;
  /** Gaussians per codebook and stream in the senone scores (pocketsphinx `-topn`). */
  readonly topN?: number;
  /**
   * RMS of the seeded Gaussian dither added to the audio before the features, in 16-bit steps
   * (0 for none): gives digital silence a defined spectrum (see `model/dither.ts`).
   */
  readonly ditherSteps?: number;
}

/**
 * The defaults (see docs/speech.md). `worstWordMargin` and `verdictThreshold` come from the
 * calibration half of `evaluateVerdict` (speech/evaluation, run in full by
 * `bench/align/verdict-eer.ts`: 15 sentences x 4 espeak-ng voices x digital silence or -60 dBFS
 * noise, each with its own transcript and four kinds of wrong one): the margin whose verdict
 * score has the lowest EER there (3.75), and that score's equal-error threshold (-1.638,
 * rounded); on the held-out half they give 11.7% misses and 7.5% false accepts (EER 9.6%;
 * the mean ratio alone: 14.1%). `fillerPenalty` is pocketsphinx's for a grammar (`-fillprob`
 * 1e-8 times the language weight 6.5).
 */
export const ALIGN_DEFAULTS: Readonly<Required<AlignOptions>> = {
  beam: 200,
  retryBeam: 800,
  loopBeam: 40,
  phoneInsertionPenalty: 5,
  silencePenalty: 5,
  fillerPenalty: 120,
  verdictThreshold: -1.65,
  worstWordMargin: 3.75,
  topN: 4,
  ditherSteps: DITHER_STEPS,
};

function nonNegative(value: number, field: string): void {
  checkOption(Number.isFinite(value) && value >= 0, field, value, 'a finite number >= 0');
}

/**
 * Fills in defaults and validates.
 *
 * @throws {SpeechError} `DEURO_SPEECH_INVALID_OPTION` naming the field.
 */
export function resolveAlignOptions(options: AlignOptions = {}): Required<AlignOptions> {
  const resolved = { ...ALIGN_DEFAULTS, ...options };
  checkOption(
    Number.isFinite(resolved.beam) && resolved.beam > 0,
    'beam',
    resolved.beam,
    'a finite number > 0',
  );
  checkOption(
    Number.isFinite(resolved.retryBeam) && resolved.retryBeam > 0,
    'retryBeam',
    resolved.retryBeam,
    'a finite number > 0',
  );
  checkOption(
    Number.isFinite(resolved.loopBeam) && resolved.loopBeam > 0,
    'loopBeam',
    resolved.loopBeam,
    'a finite number > 0',
  );
  nonNegative(resolved.phoneInsertionPenalty, 'phoneInsertionPenalty');
  nonNegative(resolved.silencePenalty, 'silencePenalty');
  nonNegative(resolved.fillerPenalty, 'fillerPenalty');
  nonNegative(resolved.ditherSteps, 'ditherSteps');
  checkOption(
    resolved.worstWordMargin >= 0,
    'worstWordMargin',
    resolved.worstWordMargin,
    'a number >= 0 or Infinity',
  );
  checkOption(
    Number.isFinite(resolved.verdictThreshold),
    'verdictThreshold',
    resolved.verdictThreshold,
    'a finite number',
  );
  checkOption(
    Number.isInteger(resolved.topN) && resolved.topN >= 1 && resolved.topN <= 128,
    'topN',
    resolved.topN,
    'an integer from 1 to 128',
  );
  return resolved;
}
