/**
 * The FFT of the front end against fft.js (the design card's choice), on the same frames in the
 * same run: the recording's first frames, pre-emphasised and Hamming-windowed as the front end
 * does and zero padded to 512 points, each turned into its power spectrum (257 values) by:
 *
 * - Deuro, scalar: sphinxbase's real FFT in JavaScript (`newRealFft(512).powerSpectrumOf`, the
 *   last pass fused with the squares), the code the front end's kernel transcribes;
 * - Deuro, kernel: the front end's WebAssembly kernel (`newFrontEndKernel`), what
 *   `extractMfccStream` runs: the same FFT, two frames per call, one per SIMD lane. It always
 *   computes the 40 mel energies too, and the frames are copied into its memory and the spectra
 *   out of it, so its time is that of more work than the others';
 * - fft.js: `new FFT(512).realTransform(out, frame)`, then re^2 + im^2 of bins 0..256.
 *
 * The three alternate, several rounds; each is timed by CPU time over all frames and the median
 * is reported in microseconds per frame, with fft.js's time over each of Deuro's. The spectra
 * are compared too: the kernel's with the scalar code's bit for bit, fft.js's with the scalar
 * code's (largest difference relative to the frame's largest power).
 *
 * fft.js is a development dependency (not used by the product): it is loaded with `require` when it can be
 * resolved (installed in node_modules, or on NODE_PATH), and the comparison says it was skipped
 * otherwise.
 */

import { createRequire } from 'node:module';

import { newFrontEndKernel } from '../../gateway/src/features/audio/front-end-kernel';
import { melFilterBank } from '../../gateway/src/features/audio/mel-filter-bank';
import { resolveMfccOptions } from '../../gateway/src/features/audio/mfcc-options';
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
      /** The kernel's, mel energies and copies included. */
      readonly kernelMicroseconds: number;
      readonly fftJsMicroseconds: number;
      /** fft.js's time over Deuro's scalar code's (above 1: Deuro is faster). */
      readonly ratio: number;
      /** fft.js's time over the kernel's. */
      readonly kernelRatio: number;
      /** Whether the kernel's spectra equal the scalar code's bit for bit. */
      readonly kernelMatches: boolean;
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

/** Times the three on the same frames, alternating, `rounds` times (after one warm-up). */
export function compareFfts(frames: Float64Array, rounds: number): FftComparison {
  const loaded = loadFftJs();
  if ('reason' in loaded) return { measured: false, reason: loaded.reason };
  const count = frames.length / FFT_SIZE;
  const power = (): Float64Array => new Float64Array(count * (FFT_SIZE / 2 + 1));
  const [deuroPower, kernelPower, fftJsPower] = [power(), power(), power()];
  const runs = [
    (): void => {
      deuroPowerSpectra(frames, deuroPower);
    },
    (): void => {
      kernelPowerSpectra(frames, kernelPower);
    },
    (): void => {
      fftJsPowerSpectra(loaded.FFT, frames, fftJsPower);
    },
  ];
  runs.forEach((run) => {
    run();
  });
  const times: number[][] = runs.map(() => []);
  for (let round = 0; round < rounds; round++) {
    runs.forEach((run, k) => times[k]?.push(cpuSeconds(run)));
  }
  const [deuroMicroseconds, kernelMicroseconds, fftJsMicroseconds] = times.map(
    (t) => (1e6 * median(t)) / count,
  ) as [number, number, number];
  return {
    measured: true,
    frames: count,
    version: loaded.version,
    deuroMicroseconds,
    kernelMicroseconds,
    fftJsMicroseconds,
    ratio: fftJsMicroseconds / deuroMicroseconds,
    kernelRatio: fftJsMicroseconds / kernelMicroseconds,
    kernelMatches: Buffer.from(kernelPower.buffer).equals(Buffer.from(deuroPower.buffer)),
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

/**
 * The kernel's spectra: two frames at a time copied into its sample buffer and analysed with a
 * window of ones (x times 1 is x, to the bit), the spectra copied out.
 */
function kernelPowerSpectra(frames: Float64Array, power: Float64Array): void {
  const bank = melFilterBank(resolveMfccOptions({}));
  const kernel = newFrontEndKernel(new Float64Array(FFT_SIZE).fill(1), bank, 2 * FFT_SIZE);
  const bins = FFT_SIZE / 2 + 1;
  const count = frames.length / FFT_SIZE;
  for (let f = 0; f < count; f += 2) {
    const lanes = Math.min(2, count - f);
    kernel.samples.set(frames.subarray(f * FFT_SIZE, (f + lanes) * FFT_SIZE));
    kernel.windowedPair(0, lanes === 2 ? FFT_SIZE : 0);
    const pairs = kernel.power;
    for (let lane = 0; lane < lanes; lane++) {
      const out = (f + lane) * bins;
      for (let k = 0; k < bins; k++) power[out + k] = pairs[2 * k + lane] as number;
    }
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
  const kernelCheck = c.kernelMatches
    ? "spectra equal to the scalar code's bit for bit"
    : "spectra DIFFER from the scalar code's";
  return [
    `fft: ${c.deuroMicroseconds.toFixed(3)} us / frame  deuro newRealFft(512).powerSpectrumOf (sphinxbase's FFT, fused power; scalar JavaScript)`,
    `fft: ${c.kernelMicroseconds.toFixed(3)} us / frame  deuro front-end kernel (the same FFT in WebAssembly, 2 frames per call; also the 40 mel energies, and copies in and out): ${kernelCheck}`,
    `fft: ${c.fftJsMicroseconds.toFixed(3)} us / frame  fft.js ${c.version} realTransform + power`,
    `fft: ratio deuro vs fft.js: ${c.ratio.toFixed(2)}x scalar, ${c.kernelRatio.toFixed(2)}x kernel, on the same ${String(c.frames)} frames ` +
      `(fft.js's spectra differ from the scalar's by at most ${c.maxRelativeDifference.toExponential(1)} of the frame's largest power)`,
  ];
}
