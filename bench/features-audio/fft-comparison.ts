/**
 * The FFT of the front end against fft.js (the design card's choice), on the same frames in the
 * same run: the recording's first frames, pre-emphasised and Hamming-windowed as the front end
 * does and zero padded to 512 points, each turned into its power spectrum (257 values) by:
 *
 * - Deuro: sphinxbase's real FFT (`newRealFft(512).powerSpectrumOf`, the last pass fused with
 *   the squares), what `extractMfccStream` runs;
 * - fft.js: `new FFT(512).realTransform(out, frame)`, then re^2 + im^2 of bins 0..256.
 *
 * The two alternate, several rounds; each is timed by CPU time over all frames and the median
 * is reported in microseconds per frame, with Deuro's speed over fft.js's. The spectra are
 * compared too (largest difference relative to the frame's largest power).
 *
 * fft.js is a development dependency (not used by the product): it is loaded with `require` when it can be
 * resolved (installed in node_modules, or on NODE_PATH), and the comparison says it was skipped
 * otherwise.
 */

import { createRequire } from 'node:module';

import { newRealFft } from '../../gateway/src/features/audio/real-fft';
import { median } from './report';

const FFT_SIZE = 512;
const FRAME_SIZE = 410;
const FRAME_SHIFT = 160;
const PRE_EMPHASIS = Math.fround(0.97);

/** The part of fft.js's API used here. */
interface FftJs {
  createComplexArray(): number[];
  realTransform(out: number[], data: ArrayLike<number>): void;
}
type FftJsConstructor = new (size: number) => FftJs;

/** What the comparison measured, or why it could not. */
export type FftComparison =
  | {
      readonly measured: true;
      readonly frames: number;
      readonly version: string;
      /** Median CPU microseconds per frame. */
      readonly deuroMicroseconds: number;
      readonly fftJsMicroseconds: number;
      /** fft.js's time over Deuro's (above 1: Deuro is faster). */
      readonly ratio: number;
      /** Largest |difference| of a power value over the frame's largest power. */
      readonly maxRelativeDifference: number;
    }
  | { readonly measured: false; readonly reason: string };

/** fft.js's constructor and version, or why it cannot be loaded. */
export function loadFftJs(): { FFT: FftJsConstructor; version: string } | { reason: string } {
  const require = createRequire(__filename);
  try {
    const FFT = require('fft.js') as FftJsConstructor;
    const { version } = require('fft.js/package.json') as { version: string };
    return { FFT, version };
  } catch (error) {
    return {
      reason:
        'fft.js is not installed: it is not in package.json (add it as a devDependency, or ' +
        `install it elsewhere and put that node_modules on NODE_PATH) (${(error as Error).message.split('\n')[0] ?? ''})`,
    };
  }
}

/** `count` windowed 512-point frames of 16-bit samples (pre-emphasis, Hamming, zero padding). */
export function windowedFrames(samples: Int16Array, count: number): Float64Array {
  const frames = new Float64Array(count * FFT_SIZE);
  const window = new Float64Array(FRAME_SIZE);
  for (let i = 0; i < FRAME_SIZE; i++) {
    window[i] = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (FRAME_SIZE - 1));
  }
  for (let f = 0; f < count; f++) {
    const start = f * FRAME_SHIFT;
    for (let i = 0; i < FRAME_SIZE; i++) {
      const x = samples[start + i] ?? 0;
      const previous = start + i > 0 ? (samples[start + i - 1] ?? 0) : 0;
      frames[f * FFT_SIZE + i] = (x - PRE_EMPHASIS * previous) * (window[i] ?? 0);
    }
  }
  return frames;
}

function cpuSeconds(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
}

/** Times both FFTs on the same frames, alternating, `rounds` times (after one warm-up). */
export function compareFfts(frames: Float64Array, rounds: number): FftComparison {
  const loaded = loadFftJs();
  if ('reason' in loaded) return { measured: false, reason: loaded.reason };
  const count = frames.length / FFT_SIZE;
  const deuroPower = new Float64Array(count * (FFT_SIZE / 2 + 1));
  const fftJsPower = new Float64Array(deuroPower.length);
  const deuro = (): void => {
    deuroPowerSpectra(frames, deuroPower);
  };
  const fftJs = (): void => {
    fftJsPowerSpectra(loaded.FFT, frames, fftJsPower);
  };
  deuro();
  fftJs();
  const deuroTimes: number[] = [];
  const fftJsTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    deuroTimes.push(cpuSeconds(deuro));
    fftJsTimes.push(cpuSeconds(fftJs));
  }
  const deuroMicroseconds = (1e6 * median(deuroTimes)) / count;
  const fftJsMicroseconds = (1e6 * median(fftJsTimes)) / count;
  return {
    measured: true,
    frames: count,
    version: loaded.version,
    deuroMicroseconds,
    fftJsMicroseconds,
    ratio: fftJsMicroseconds / deuroMicroseconds,
    maxRelativeDifference: largestRelativeDifference(deuroPower, fftJsPower),
  };
}

function deuroPowerSpectra(frames: Float64Array, power: Float64Array): void {
  const fft = newRealFft(FFT_SIZE);
  const scratch = new Float64Array(FFT_SIZE);
  const bins = FFT_SIZE / 2 + 1;
  const count = frames.length / FFT_SIZE;
  for (let f = 0; f < count; f++) {
    fft.powerSpectrumOf(
      frames.subarray(f * FFT_SIZE, (f + 1) * FFT_SIZE),
      scratch,
      power.subarray(f * bins, (f + 1) * bins),
    );
  }
}

function fftJsPowerSpectra(FFT: FftJsConstructor, frames: Float64Array, power: Float64Array): void {
  const fft = new FFT(FFT_SIZE);
  const out = fft.createComplexArray();
  const bins = FFT_SIZE / 2 + 1;
  const count = frames.length / FFT_SIZE;
  for (let f = 0; f < count; f++) {
    fft.realTransform(out, frames.subarray(f * FFT_SIZE, (f + 1) * FFT_SIZE));
    for (let k = 0; k < bins; k++) {
      const re = out[2 * k] as number;
      const im = out[2 * k + 1] as number;
      power[f * bins + k] = re * re + im * im;
    }
  }
}

function largestRelativeDifference(a: Float64Array, b: Float64Array): number {
  const bins = FFT_SIZE / 2 + 1;
  let worst = 0;
  for (let start = 0; start < a.length; start += bins) {
    let largest = 0;
    let difference = 0;
    for (let k = start; k < start + bins; k++) {
      largest = Math.max(largest, a[k] as number);
      difference = Math.max(difference, Math.abs((a[k] as number) - (b[k] as number)));
    }
    if (largest > 0) worst = Math.max(worst, difference / largest);
  }
  return worst;
}

/** The report lines of a comparison. */
export function formatFftComparison(c: FftComparison): string[] {
  if (!c.measured) return [`fft: comparison with fft.js skipped: ${c.reason}`];
  return [
    `fft: ${c.deuroMicroseconds.toFixed(3)} us / frame  deuro newRealFft(512).powerSpectrumOf (sphinxbase's FFT, fused power)`,
    `fft: ${c.fftJsMicroseconds.toFixed(3)} us / frame  fft.js ${c.version} realTransform + power`,
    `fft: ratio deuro vs fft.js: ${c.ratio.toFixed(2)}x on the same ${String(c.frames)} frames ` +
      `(spectra differ by at most ${c.maxRelativeDifference.toExponential(1)} of the frame's largest power)`,
  ];
}
