/**
 * The framing, spectral and cepstral part of sphinx_fe, streaming: samples in, one log mel
 * spectrum (or, for {@link newCepstralFrontEnd}, one set of cepstra) per frame out.
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
 * Memory is bounded by a fixed buffer of a few windows, whatever the chunk sizes. Arithmetic
 * follows sphinxbase: double precision samples, single-precision pre-emphasis factor, double
 * Hamming window 0.54 - 0.46 cos(2 pi i / (size - 1)) applied symmetrically, power spectrum of
 * sphinxbase's own real FFT (`real-fft.ts`, the same butterflies in the same order), mel
 * energies in double, natural log after adding the log floor, cepstra in single precision.
 *
 * Speed matters here (an hour of audio is 360,000 frames): pre-emphasis is done once per sample
 * as samples arrive (it depends on the signal, not on the framing), frames are analysed in place
 * in one buffer held in the memory of a WebAssembly kernel ({@link newFrontEndKernel}), which
 * computes the windowed FFT, the power spectrum, the mel energies and the cepstra of two frames
 * per call with the scalar code's operations in each SIMD lane (the window is applied by the
 * FFT's first pass as it reads the samples: no frame is written out); the logarithms are
 * `Math.log`, here, between the two kernel calls. Nothing is allocated per frame except, for the
 * public {@link SphinxFrontEnd}, the array handed to the caller.
 *
 * The fused window reads the fftSize - frameSize samples after the frame too, with weight 0;
 * a zero weight gives +0 or -0, which changes no non-zero value of the transform and no power
 * (squared), so the output is the same to the bit, as long as those samples are finite. A stream
 * that ever holds a non-finite sample (NaN, an infinity) is therefore analysed by copying each
 * windowed frame out, as are the last, partial frame and frames with `removeDc`.
 */

import { newFrontEndKernel, type FrontEndKernel, type KernelCepstra } from './front-end-kernel.js';
import { melFilterBank } from './mel-filter-bank.js';
import type { ResolvedMfccParameters } from './mfcc-options.js';

/** A streaming log mel front end; see {@link newSphinxFrontEnd}. */
export interface SphinxFrontEnd {
  readonly parameters: ResolvedMfccParameters;
  /** Consumes samples (scaled by `inputScale`) and calls `onFrame` for each completed frame. */
  push(samples: ArrayLike<number>, onFrame: (logMel: Float64Array) => void): void;
  /** Ends the stream: emits sphinx_fe's final partial frame, if any, and resets. */
  end(onFrame: (logMel: Float64Array) => void): void;
}

/**
 * The front end as the extractors of this folder use it: `onFrame` receives the same array for
 * every frame (the log mel spectrum, or the cepstra for {@link newCepstralFrontEnd}), valid
 * until the callback returns.
 */
export interface SharedFrameFrontEnd<T extends Float32Array | Float64Array = Float64Array> {
  readonly parameters: ResolvedMfccParameters;
  push(samples: ArrayLike<number>, onFrame: (frame: T) => void): void;
  end(onFrame: (frame: T) => void): void;
}

/** What a front end hands out per frame: frame `lane` of the kernel's last pair. */
interface FrameOutput<T> {
  /** After the logarithms of a pair: the cepstra, for an MFCC front end. */
  afterLogs(kernel: FrontEndKernel): void;
  frame(kernel: FrontEndKernel, lane: number): T;
}

/** Log mel spectra: the logarithms themselves. */
function logMelOutput(filterCount: number): FrameOutput<Float64Array> {
  const logMel = new Float64Array(filterCount);
  return {
    afterLogs() {
      // Nothing more to compute.
    },
    frame(kernel, lane) {
      const pairs = kernel.logMel;
      for (let i = 0; i < filterCount; i++) logMel[i] = pairs[2 * i + lane] as number;
      return logMel;
    },
  };
}

/** Cepstra, computed by the kernel from the log mel spectra. */
function cepstralOutput(cepstrumCount: number): FrameOutput<Float32Array> {
  const cepstra = new Float32Array(cepstrumCount);
  return {
    afterLogs(kernel) {
      kernel.cepstra();
    },
    frame(kernel, lane) {
      const pairs = kernel.cepstrumPairs;
      for (let i = 0; i < cepstrumCount; i++) cepstra[i] = pairs[2 * i + lane] as number;
      return cepstra;
    },
  };
}

/** Samples the front end buffers before moving the unanalysed tail to the front. */
const BUFFER_SAMPLES = 8192;

/**
 * sphinxbase's symmetric Hamming window: the first half is computed and mirrored, and the middle
 * sample of an odd window is left at 1 (sphinxbase does not weight it).
 */
function hammingWindow(size: number): Float64Array {
  const window = new Float64Array(size).fill(1);
  for (let i = 0; i < Math.floor(size / 2); i++) {
    const w = 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (size - 1.0));
    window[i] = w;
    window[size - 1 - i] = w;
  }
  return window;
}

class StreamingFrontEnd<T extends Float32Array | Float64Array> implements SharedFrameFrontEnd<T> {
  readonly parameters: ResolvedMfccParameters;
  /**
   * FFT, power spectrum, mel filters and cepstra, two frames at a time. Its window is the
   * symmetric Hamming window over the whole frame (the middle sample of an odd frame is 1), zero
   * from frameSize to fftSize.
   */
  readonly #kernel: FrontEndKernel;
  readonly #output: FrameOutput<T>;
  readonly #alpha: number;
  /**
   * Scaled samples from the start of the next frame (in the kernel's memory). Frames are
   * analysed in place, and what is left moves to the front only when the buffer is full, so a
   * sample is copied about once.
   */
  readonly #buffer: Float64Array;
  /** Samples the buffer takes; it has fftSize - frameSize more, read by the fused window. */
  readonly #capacity: number;
  #bufferLength = 0;
  /** The last sample appended, scaled: x[n - 1] of the next pre-emphasis. */
  #previous = 0;
  /** Whether a non-finite sample was appended since the stream started. */
  #nonFinite = false;

  constructor(
    parameters: ResolvedMfccParameters,
    output: FrameOutput<T>,
    cepstra: KernelCepstra | undefined,
  ) {
    this.parameters = parameters;
    const window = new Float64Array(parameters.fftSize);
    window.set(hammingWindow(parameters.frameSize));
    this.#capacity = Math.max(BUFFER_SAMPLES, 4 * parameters.frameSize);
    this.#kernel = newFrontEndKernel(
      window,
      melFilterBank(parameters),
      this.#capacity + parameters.fftSize - parameters.frameSize,
      cepstra,
    );
    this.#output = output;
    this.#buffer = this.#kernel.samples;
    this.#alpha = Math.fround(parameters.preEmphasis);
  }

  push(samples: ArrayLike<number>, onFrame: (frame: T) => void): void {
    let consumed = 0;
    while (consumed < samples.length) {
      consumed += this.#append(samples, consumed);
      this.#analyseWholeFrames(onFrame);
    }
  }

  end(onFrame: (frame: T) => void): void {
    if (this.#bufferLength > 0) {
      this.#analyseWritten(0, this.#bufferLength);
      onFrame(this.#output.frame(this.#kernel, 0));
    }
    this.#bufferLength = 0;
    this.#previous = 0;
    this.#nonFinite = false;
  }

  /**
   * Copies as many samples from `offset` as fit, scaled and pre-emphasised; returns how many.
   * Pre-emphasis is a function of the signal alone (the first sample of a frame uses the
   * previous sample of the signal), so it is done once per sample here rather than once per
   * frame a sample is in, with the same operations.
   */
  #append(samples: ArrayLike<number>, offset: number): number {
    const buffer = this.#buffer;
    const scale = this.parameters.inputScale;
    const alpha = this.#alpha;
    const count = Math.min(this.#capacity - this.#bufferLength, samples.length - offset);
    const base = this.#bufferLength - offset;
    let previous = this.#previous;
    let finite = true;
    for (let i = offset; i < offset + count; i++) {
      const x = (samples[i] ?? 0) * scale;
      const y = alpha === 0 ? x : x - previous * alpha;
      buffer[base + i] = y;
      // y - y is 0 for every finite y, NaN otherwise.
      if (y - y !== 0) finite = false;
      previous = x;
    }
    this.#previous = previous;
    if (!finite) this.#nonFinite = true;
    this.#bufferLength += count;
    return count;
  }

  /** The whole frames in the buffer, two at a time through the fused window when it can. */
  #analyseWholeFrames(onFrame: (frame: T) => void): void {
    const { frameSize, frameShift } = this.parameters;
    const fused = !this.parameters.removeDc && !this.#nonFinite;
    const kernel = this.#kernel;
    const output = this.#output;
    let start = 0;
    while (start + frameSize <= this.#bufferLength) {
      let lanes = 1;
      if (!fused) {
        this.#analyseWritten(start, frameSize);
      } else {
        const next = start + frameShift;
        lanes = next + frameSize <= this.#bufferLength ? 2 : 1;
        kernel.windowedPair(start, lanes === 2 ? next : start);
        this.#logarithms(lanes);
      }
      for (let lane = 0; lane < lanes; lane++) onFrame(output.frame(kernel, lane));
      start += lanes * frameShift;
    }
    if (start > 0) {
      this.#buffer.copyWithin(0, start, this.#bufferLength);
      this.#bufferLength -= start;
    }
  }

  /**
   * ln(energy + logFloor) of the mel energies of the kernel's `lanes` frames (one or both),
   * then what the output computes from them.
   */
  #logarithms(lanes: number): void {
    const energies = this.#kernel.energies;
    const logMel = this.#kernel.logMel;
    const floor = this.parameters.logFloor;
    const step = 3 - lanes;
    for (let i = 0; i < energies.length; i += step) {
      logMel[i] = Math.log((energies[i] as number) + floor);
    }
    this.#output.afterLogs(this.#kernel);
  }

  /**
   * Analyses the `length` buffered samples from `start`, written out: DC removed if asked,
   * windowed, zero padded; the result is lane 0 of the kernel.
   */
  #analyseWritten(start: number, length: number): void {
    const frame = this.#kernel.frame;
    const { frameSize } = this.parameters;
    frame.set(this.#buffer.subarray(start, start + length));
    frame.fill(0, length);
    if (this.parameters.removeDc) removeDc(frame, frameSize);
    const window = this.#kernel.window;
    for (let i = 0; i < frameSize; i++) frame[i] = (frame[i] as number) * (window[i] as number);
    this.#kernel.writtenFrame();
    this.#logarithms(1);
  }
}

/** sphinxbase's per-frame mean removal over the first `frameSize` values, in place. */
function removeDc(frame: Float64Array, frameSize: number): void {
  let mean = 0;
  for (let i = 0; i < frameSize; i++) mean += frame[i] ?? 0;
  mean /= frameSize;
  for (let i = 0; i < frameSize; i++) frame[i] = (frame[i] ?? 0) - mean;
}

/** A streaming front end for resolved parameters (see {@link resolveMfccOptions}). */
export function newSphinxFrontEnd(parameters: ResolvedMfccParameters): SphinxFrontEnd {
  const frontEnd = newSharedFrameFrontEnd(parameters);
  const copying = (onFrame: (logMel: Float64Array) => void) => (logMel: Float64Array) => {
    onFrame(logMel.slice());
  };
  return {
    parameters,
    push(samples, onFrame) {
      frontEnd.push(samples, copying(onFrame));
    },
    end(onFrame) {
      frontEnd.end(copying(onFrame));
    },
  };
}

/** The front end without a copy per frame (see {@link SharedFrameFrontEnd}). */
export function newSharedFrameFrontEnd(parameters: ResolvedMfccParameters): SharedFrameFrontEnd {
  return new StreamingFrontEnd(parameters, logMelOutput(parameters.filterCount), undefined);
}

/**
 * The MFCC front end without a copy per frame: `onFrame` receives each frame's cepstra
 * (`cepstrumCount` values, liftered when asked), the same array every time.
 */
export function newCepstralFrontEnd(
  parameters: ResolvedMfccParameters,
): SharedFrameFrontEnd<Float32Array> {
  const { transform, cepstrumCount, lifter } = parameters;
  return new StreamingFrontEnd(parameters, cepstralOutput(cepstrumCount), {
    transform,
    cepstrumCount,
    lifter,
  });
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
