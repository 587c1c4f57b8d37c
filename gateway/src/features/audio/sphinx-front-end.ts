/**
 * The framing and spectral part of sphinx_fe, streaming: samples in, one log mel spectrum per
 * frame out.
 *
 * Frame k covers samples [k * shift, k * shift + size). The two conventions that make it
 * agree with sphinx_fe (and not with SphinxTrain's mfcc.py, the white paper's code):
 * - pre-emphasis y[n] = x[n] - a x[n - 1] uses the previous sample of the signal, also for the
 *   first sample of a frame (mfcc.py uses the last sample of the previous frame); the very first
 *   sample has x[-1] = 0;
 * - the window length is rounded to samples (410 at 16 kHz), not truncated (409).
 * sphinx_fe's frame count convention: frames are taken while a whole window is available, and
 * at the end of the stream one more frame holds what is left from the next frame start (zero
 * padded), so N >= size samples give 2 + floor((N - size) / shift) frames, and 0 < N < size
 * samples give one.
 *
 * Memory is bounded by one window plus the chunk being consumed. Arithmetic follows sphinxbase:
 * double precision samples, single-precision pre-emphasis factor, double Hamming window
 * 0.54 - 0.46 cos(2 pi i / (size - 1)) applied symmetrically, power spectrum of a `fftSize`
 * real FFT (fft.js), mel energies in double, natural log after adding the log floor.
 */

import FFT from 'fft.js';
import { applyMelFilterBank, melFilterBank, type MelFilterBank } from './mel-filter-bank.js';
import type { ResolvedMfccParameters } from './mfcc-options.js';

/** A streaming log mel front end; see {@link newSphinxFrontEnd}. */
export interface SphinxFrontEnd {
  readonly parameters: ResolvedMfccParameters;
  /** Consumes samples (scaled by `inputScale`) and calls `onFrame` for each completed frame. */
  push(samples: ArrayLike<number>, onFrame: (logMel: Float64Array) => void): void;
  /** Ends the stream: emits sphinx_fe's final partial frame, if any, and resets. */
  end(onFrame: (logMel: Float64Array) => void): void;
}

function hammingHalf(size: number): Float64Array {
  const half = new Float64Array(Math.floor(size / 2));
  for (let i = 0; i < half.length; i++)
    half[i] = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (size - 1.0));
  return half;
}

class StreamingFrontEnd implements SphinxFrontEnd {
  readonly parameters: ResolvedMfccParameters;
  readonly #bank: MelFilterBank;
  readonly #fft: FFT;
  readonly #window: Float64Array;
  readonly #alpha: number;
  readonly #frame: number[];
  readonly #spectrum: number[];
  readonly #power: Float64Array;
  /** Samples from the start of the next frame; never more than one window after `push`. */
  #pending: Float64Array;
  #pendingLength = 0;
  #prior = 0;

  constructor(parameters: ResolvedMfccParameters) {
    this.parameters = parameters;
    this.#bank = melFilterBank(parameters);
    this.#fft = new FFT(parameters.fftSize);
    this.#window = hammingHalf(parameters.frameSize);
    this.#alpha = Math.fround(parameters.preEmphasis);
    this.#frame = new Array<number>(parameters.fftSize).fill(0);
    this.#spectrum = this.#fft.createComplexArray() as number[];
    this.#power = new Float64Array(parameters.fftSize / 2 + 1);
    this.#pending = new Float64Array(parameters.frameSize);
  }

  push(samples: ArrayLike<number>, onFrame: (logMel: Float64Array) => void): void {
    const { frameSize, frameShift, inputScale } = this.parameters;
    const total = this.#pendingLength + samples.length;
    const all = new Float64Array(total);
    all.set(this.#pending.subarray(0, this.#pendingLength));
    for (let i = 0; i < samples.length; i++)
      all[this.#pendingLength + i] = (samples[i] ?? 0) * inputScale;
    let start = 0;
    while (start + frameSize <= total) {
      onFrame(this.#analyse(all, start, frameSize));
      this.#prior = all[start + frameShift - 1] ?? 0;
      start += frameShift;
    }
    const rest = all.subarray(Math.min(start, total));
    if (rest.length > this.#pending.length) this.#pending = new Float64Array(rest.length);
    this.#pending.set(rest);
    this.#pendingLength = rest.length;
  }

  end(onFrame: (logMel: Float64Array) => void): void {
    if (this.#pendingLength > 0) onFrame(this.#analyse(this.#pending, 0, this.#pendingLength));
    this.#pendingLength = 0;
    this.#prior = 0;
  }

  #analyse(samples: Float64Array, start: number, length: number): Float64Array {
    this.#preEmphasize(samples, start, length);
    if (this.parameters.removeDc) this.#removeDc();
    this.#applyWindow();
    this.#powerSpectrum();
    const logMel = new Float64Array(this.#bank.filterCount);
    applyMelFilterBank(this.#bank, this.#power, logMel);
    const floor = this.parameters.logFloor;
    for (let i = 0; i < logMel.length; i++) logMel[i] = Math.log((logMel[i] ?? 0) + floor);
    return logMel;
  }

  #preEmphasize(samples: Float64Array, start: number, length: number): void {
    const frame = this.#frame;
    const alpha = this.#alpha;
    let previous = this.#prior;
    for (let i = 0; i < length; i++) {
      const x = samples[start + i] ?? 0;
      frame[i] = alpha === 0 ? x : x - previous * alpha;
      previous = x;
    }
    frame.fill(0, length, this.parameters.fftSize);
  }

  #removeDc(): void {
    const { frameSize } = this.parameters;
    const frame = this.#frame;
    let mean = 0;
    for (let i = 0; i < frameSize; i++) mean += frame[i] ?? 0;
    mean /= frameSize;
    for (let i = 0; i < frameSize; i++) frame[i] = (frame[i] ?? 0) - mean;
  }

  #applyWindow(): void {
    const last = this.parameters.frameSize - 1;
    const frame = this.#frame;
    const window = this.#window;
    for (let i = 0; i < window.length; i++) {
      const w = window[i] ?? 0;
      frame[i] = (frame[i] ?? 0) * w;
      frame[last - i] = (frame[last - i] ?? 0) * w;
    }
  }

  #powerSpectrum(): void {
    const spectrum = this.#spectrum;
    this.#fft.realTransform(spectrum, this.#frame);
    const power = this.#power;
    for (let k = 0; k < power.length; k++) {
      const re = spectrum[2 * k] ?? 0;
      const im = spectrum[2 * k + 1] ?? 0;
      power[k] = re * re + im * im;
    }
  }
}

/** A streaming front end for resolved parameters (see {@link resolveMfccOptions}). */
export function newSphinxFrontEnd(parameters: ResolvedMfccParameters): SphinxFrontEnd {
  return new StreamingFrontEnd(parameters);
}

/** sphinx_fe's frame count for `sampleCount` samples (see the module comment). */
export function sphinxFrameCount(
  sampleCount: number,
  frameSize: number,
  frameShift: number,
): number {
  if (sampleCount <= 0) return 0;
  if (sampleCount < frameSize) return 1;
  const full = 1 + Math.floor((sampleCount - frameSize) / frameShift);
  return sampleCount - full * frameShift > 0 ? full + 1 : full;
}
