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
 * Memory is bounded by a fixed buffer of a few windows, whatever the chunk sizes. Arithmetic
 * follows sphinxbase: double precision samples, single-precision pre-emphasis factor, double
 * Hamming window 0.54 - 0.46 cos(2 pi i / (size - 1)) applied symmetrically, power spectrum of
 * sphinxbase's own real FFT ({@link newRealFft}, the same butterflies in the same order), mel
 * energies in double, natural log after adding the log floor.
 *
 * Speed matters here (an hour of audio is 360,000 frames): pre-emphasis is done once per sample
 * as samples arrive (it depends on the signal, not on the framing), frames are analysed in place
 * in one buffer, the window is applied by the FFT's first pass as it reads the samples (no frame
 * is written out), and nothing is allocated per frame except, for the public
 * {@link SphinxFrontEnd}, the array handed to the caller.
 *
 * The fused window reads the fftSize - frameSize samples after the frame too, with weight 0;
 * a zero weight gives +0 or -0, which changes no non-zero value of the transform and no power
 * (squared), so the output is the same to the bit, as long as those samples are finite. A stream
 * that ever holds a non-finite sample (NaN, an infinity) is therefore analysed by copying each
 * windowed frame out, as are the last, partial frame and frames with `removeDc`.
 */

import { applyMelFilterBank, melFilterBank, type MelFilterBank } from './mel-filter-bank.js';
import type { ResolvedMfccParameters } from './mfcc-options.js';
import { newRealFft, type RealFft } from './real-fft.js';

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
 * every frame, valid until the callback returns.
 */
export interface SharedFrameFrontEnd {
  readonly parameters: ResolvedMfccParameters;
  push(samples: ArrayLike<number>, onFrame: (logMel: Float64Array) => void): void;
  end(onFrame: (logMel: Float64Array) => void): void;
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

class StreamingFrontEnd implements SharedFrameFrontEnd {
  readonly parameters: ResolvedMfccParameters;
  readonly #bank: MelFilterBank;
  readonly #fft: RealFft;
  /**
   * The symmetric Hamming window over the whole frame (the middle sample of an odd frame is 1),
   * zero from frameSize to fftSize.
   */
  readonly #window: Float64Array;
  readonly #alpha: number;
  readonly #frame: Float64Array;
  readonly #spectrum: Float64Array;
  readonly #power: Float64Array;
  readonly #logMel: Float64Array;
  /**
   * Scaled samples from the start of the next frame. Frames are analysed in place, and what is
   * left moves to the front only when the buffer is full, so a sample is copied about once.
   */
  readonly #buffer: Float64Array;
  /** Samples the buffer takes; it has fftSize - frameSize more, read by the fused window. */
  readonly #capacity: number;
  #bufferLength = 0;
  /** The last sample appended, scaled: x[n - 1] of the next pre-emphasis. */
  #previous = 0;
  /** Whether a non-finite sample was appended since the stream started. */
  #nonFinite = false;

  constructor(parameters: ResolvedMfccParameters) {
    this.parameters = parameters;
    this.#bank = melFilterBank(parameters);
    this.#fft = newRealFft(parameters.fftSize);
    this.#window = new Float64Array(parameters.fftSize);
    this.#window.set(hammingWindow(parameters.frameSize));
    this.#alpha = Math.fround(parameters.preEmphasis);
    this.#frame = new Float64Array(parameters.fftSize);
    this.#spectrum = new Float64Array(parameters.fftSize);
    this.#power = new Float64Array(parameters.fftSize / 2 + 1);
    this.#logMel = new Float64Array(parameters.filterCount);
    this.#capacity = Math.max(BUFFER_SAMPLES, 4 * parameters.frameSize);
    this.#buffer = new Float64Array(this.#capacity + parameters.fftSize - parameters.frameSize);
  }

  push(samples: ArrayLike<number>, onFrame: (logMel: Float64Array) => void): void {
    let consumed = 0;
    while (consumed < samples.length) {
      consumed += this.#append(samples, consumed);
      this.#analyseWholeFrames(onFrame);
    }
  }

  end(onFrame: (logMel: Float64Array) => void): void {
    if (this.#bufferLength > 0) onFrame(this.#analyse(0, this.#bufferLength));
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

  #analyseWholeFrames(onFrame: (logMel: Float64Array) => void): void {
    const { frameSize, frameShift } = this.parameters;
    let start = 0;
    while (start + frameSize <= this.#bufferLength) {
      onFrame(this.#analyse(start, frameSize));
      start += frameShift;
    }
    if (start > 0) {
      this.#buffer.copyWithin(0, start, this.#bufferLength);
      this.#bufferLength -= start;
    }
  }

  /** The log mel spectrum of the `length` buffered samples from `start`, zero padded. */
  #analyse(start: number, length: number): Float64Array {
    const fused =
      length === this.parameters.frameSize && !this.parameters.removeDc && !this.#nonFinite;
    if (fused) {
      this.#fft.windowedPowerSpectrum(
        this.#buffer,
        start,
        this.#window,
        this.#spectrum,
        this.#power,
      );
    } else {
      this.#fft.powerSpectrumOf(this.#windowedFrame(start, length), this.#spectrum, this.#power);
    }
    const logMel = this.#logMel;
    applyMelFilterBank(this.#bank, this.#power, logMel);
    const floor = this.parameters.logFloor;
    for (let i = 0; i < logMel.length; i++) logMel[i] = Math.log((logMel[i] as number) + floor);
    return logMel;
  }

  /** The frame written out: samples from `start`, DC removed if asked, windowed, zero padded. */
  #windowedFrame(start: number, length: number): Float64Array {
    const frame = this.#frame;
    const window = this.#window;
    const { frameSize } = this.parameters;
    if (this.parameters.removeDc) {
      frame.set(this.#buffer.subarray(start, start + length));
      frame.fill(0, length);
      this.#removeDc();
      for (let i = 0; i < frameSize; i++) frame[i] = (frame[i] ?? 0) * (window[i] ?? 0);
    } else {
      const buffer = this.#buffer;
      for (let i = 0; i < length; i++)
        frame[i] = (buffer[start + i] as number) * (window[i] as number);
      frame.fill(0, length);
    }
    return frame;
  }

  #removeDc(): void {
    const { frameSize } = this.parameters;
    const frame = this.#frame;
    let mean = 0;
    for (let i = 0; i < frameSize; i++) mean += frame[i] ?? 0;
    mean /= frameSize;
    for (let i = 0; i < frameSize; i++) frame[i] = (frame[i] ?? 0) - mean;
  }
}

/** A streaming front end for resolved parameters (see {@link resolveMfccOptions}). */
export function newSphinxFrontEnd(parameters: ResolvedMfccParameters): SphinxFrontEnd {
  const frontEnd = new StreamingFrontEnd(parameters);
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
