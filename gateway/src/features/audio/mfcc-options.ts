/**
 * Parameters of the Sphinx front end, their defaults and presets.
 *
 * Defaults are those of `sphinx_fe` (sphinxbase 5prealpha) and of the white paper's code: 16 kHz,
 * 100 frames/s, a 0.025625 s Hamming window (410 samples: sphinx_fe rounds, SphinxTrain's mfcc.py
 * truncates to 409), 512-point FFT, 40 filters from 133.33334 to 6855.4976 Hz, 13 cepstra,
 * pre-emphasis 0.97 carried from the previous sample of the signal, legacy DCT, no liftering.
 * Derived sizes are computed as sphinx_fe computes them, in single precision.
 */

import { checkParameter } from './errors.js';

/** Cepstral transform, named as sphinx_fe's `-transform` (plus the unnormalised DCT-II). */
export type CepstralTransform = 'legacy' | 'dct' | 'htk' | 'dct-unnormalized';

/** Every parameter of the front end; all optional in {@link MfccOptions}. */
export interface MfccParameters {
  /** Sampling rate in Hz of the samples given to the extractor (`-samprate`). */
  readonly sampleRate: number;
  /** Frames per second (`-frate`). */
  readonly frameRate: number;
  /** Hamming window length in seconds (`-wlen`). */
  readonly windowLength: number;
  /** FFT size, a power of two not below the window in samples (`-nfft`). */
  readonly fftSize: number;
  /** Number of mel filters (`-nfilt`). */
  readonly filterCount: number;
  /** Number of cepstra (`-ncep`). */
  readonly cepstrumCount: number;
  /** Lower edge of the filter bank in Hz (`-lowerf`). */
  readonly lowerFrequency: number;
  /** Upper edge of the filter bank in Hz (`-upperf`). */
  readonly upperFrequency: number;
  /** Pre-emphasis factor, 0 for none (`-alpha`). */
  readonly preEmphasis: number;
  /** Cepstral transform (`-transform`). */
  readonly transform: CepstralTransform;
  /** Sine lifter length, 0 for none (`-lifter`); an integer, halved with integer division as Sphinx. */
  readonly lifter: number;
  /** Normalise each filter to unit area (`-unit_area`). */
  readonly unitArea: boolean;
  /** Round filter edges to FFT bins (`-round_filters`). */
  readonly roundFilters: boolean;
  /** Filters twice as wide with the same centres (`-doublebw`). */
  readonly doubleBandwidth: boolean;
  /** Subtract each frame's mean before windowing (`-remove_dc`). */
  readonly removeDc: boolean;
  /** Added to each mel energy before the natural log (sphinx_fe's LOG_FLOOR). */
  readonly logFloor: number;
  /** Multiplies input samples: sphinx_fe works in 16-bit units, so [-1, 1) input is scaled by 32768. */
  readonly inputScale: number;
}

/** Options of the extractors: any subset of {@link MfccParameters}. */
export type MfccOptions = Partial<MfccParameters>;

/** The parameters with sizes derived as sphinx_fe derives them. */
export interface ResolvedMfccParameters extends MfccParameters {
  /** Window length in samples: `(int)(wlen * samprate + 0.5)` in single precision. */
  readonly frameSize: number;
  /** Frame shift in samples: `(int)(samprate / frate + 0.5)`. */
  readonly frameShift: number;
}

/** sphinx_fe's defaults, which are the white paper's parameters. */
export const SPHINX_DEFAULTS: MfccParameters = {
  sampleRate: 16000,
  frameRate: 100,
  windowLength: 0.025625,
  fftSize: 512,
  filterCount: 40,
  cepstrumCount: 13,
  lowerFrequency: 133.33334,
  upperFrequency: 6855.4976,
  preEmphasis: 0.97,
  transform: 'legacy',
  lifter: 0,
  unitArea: true,
  roundFilters: true,
  doubleBandwidth: false,
  removeDc: false,
  logFloor: 1e-4,
  inputScale: 32768,
};

/**
 * The front-end part of `feat.params` of Debian's `pocketsphinx-en-us` model
 * (`/usr/share/pocketsphinx/model/en-us/en-us/feat.params`): 25 filters, 130-6800 Hz, DCT-II,
 * lifter 22. Its `-feat 1s_c_d_dd` and `-cmn batch` are {@link sphinxDeltas} and {@link batchCmn};
 * its `-cmninit` is {@link POCKETSPHINX_EN_US_CMN_INIT}.
 */
export const POCKETSPHINX_EN_US: MfccOptions = {
  lowerFrequency: 130,
  upperFrequency: 6800,
  filterCount: 25,
  transform: 'dct',
  lifter: 22,
};

/** `-cmninit` of the same `feat.params`. */
export const POCKETSPHINX_EN_US_CMN_INIT: readonly number[] = [
  41.0, -5.29, -0.12, 5.09, 2.48, -4.07, -1.37, -1.78, -5.08, -2.05, -6.45, -1.42, 1.17,
];

const TRANSFORMS: readonly CepstralTransform[] = ['legacy', 'dct', 'htk', 'dct-unnormalized'];

function positive(value: number, field: string): void {
  checkParameter(Number.isFinite(value) && value > 0, field, value, 'a positive number');
}

function positiveInteger(value: number, field: string): void {
  checkParameter(Number.isInteger(value) && value > 0, field, value, 'a positive integer');
}

/**
 * Fills in defaults, validates and derives the frame sizes.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` naming the first invalid field.
 */
export function resolveMfccOptions(options: MfccOptions = {}): ResolvedMfccParameters {
  const p: MfccParameters = { ...SPHINX_DEFAULTS, ...options };
  positive(p.sampleRate, 'sampleRate');
  positive(p.frameRate, 'frameRate');
  positive(p.windowLength, 'windowLength');
  positiveInteger(p.filterCount, 'filterCount');
  positiveInteger(p.cepstrumCount, 'cepstrumCount');
  positive(p.inputScale, 'inputScale');
  checkParameter(
    p.fftSize >= 2 && Number.isInteger(Math.log2(p.fftSize)),
    'fftSize',
    p.fftSize,
    'a power of two',
  );
  checkParameter(p.lowerFrequency >= 0, 'lowerFrequency', p.lowerFrequency, 'at least 0');
  checkParameter(
    p.upperFrequency > p.lowerFrequency,
    'upperFrequency',
    p.upperFrequency,
    'above lowerFrequency',
  );
  checkParameter(
    p.upperFrequency <= p.sampleRate / 2 + 1,
    'upperFrequency',
    p.upperFrequency,
    'at most sampleRate / 2 + 1',
  );
  checkParameter(
    p.preEmphasis >= 0 && p.preEmphasis < 1,
    'preEmphasis',
    p.preEmphasis,
    'in [0, 1)',
  );
  checkParameter(
    TRANSFORMS.includes(p.transform),
    'transform',
    p.transform,
    `one of ${TRANSFORMS.join(', ')}`,
  );
  checkParameter(
    Number.isInteger(p.lifter) && p.lifter >= 0,
    'lifter',
    p.lifter,
    'a non-negative integer',
  );
  checkParameter(p.logFloor >= 0, 'logFloor', p.logFloor, 'at least 0');
  checkParameter(
    p.cepstrumCount <= p.filterCount,
    'cepstrumCount',
    p.cepstrumCount,
    'at most filterCount',
  );
  const f = Math.fround;
  const frameShift = Math.trunc(f(f(p.sampleRate) / Math.trunc(p.frameRate)) + 0.5);
  const frameSize = Math.trunc(f(f(p.windowLength) * f(p.sampleRate)) + 0.5);
  checkParameter(frameShift > 1, 'frameRate', p.frameRate, 'below sampleRate / 2');
  checkParameter(
    frameSize >= frameShift,
    'windowLength',
    p.windowLength,
    'at least one frame shift',
  );
  checkParameter(
    frameSize <= p.fftSize,
    'fftSize',
    p.fftSize,
    `at least the window (${String(frameSize)} samples)`,
  );
  return { ...p, frameSize, frameShift };
}
