/**
 * Band-limited sample-rate conversion: a Kaiser-windowed sinc interpolator.
 *
 * Output sample n sits at input time t = n * inputRate / outputRate (exact integer arithmetic,
 * so long recordings do not drift) and is the sum of the input samples around t weighted by a
 * low-pass kernel. The kernel's stopband starts at the lower of the two Nyquist frequencies, so
 * nothing above the new Nyquist folds back when the rate goes down, and images are removed when
 * it goes up. The kernel is tabulated at {@link TABLE_PHASES} points per input sample and
 * linearly interpolated, which keeps arbitrary (also irrational-looking) ratios exact enough for
 * a stopband near -100 dB.
 *
 * The converter streams: `process` takes chunks of any size and memory stays bounded by the
 * kernel length. `flush` ends the stream (zeros after the last sample).
 */

import { checkParameter } from './errors.js';

/** Options of {@link newResampler} and {@link resample}. */
export interface ResamplerOptions {
  readonly inputRate: number;
  readonly outputRate: number;
  /** Stopband attenuation in dB (default 100). */
  readonly attenuationDb?: number;
  /** Passband edge as a fraction of the lower Nyquist frequency (default 0.9). */
  readonly passband?: number;
}

/** A streaming sample-rate converter. */
export interface Resampler {
  /** Consumes a chunk and returns the output samples that are now complete. */
  process(chunk: ArrayLike<number>): Float64Array;
  /** Ends the stream and returns the remaining output samples. */
  flush(): Float64Array;
}

const TABLE_PHASES = 1024;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 200; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

interface Kernel {
  /** Half length in input samples: taps with |t - k| < halfLength contribute. */
  readonly halfLength: number;
  readonly table: Float64Array;
}

function designKernel(ratio: number, attenuationDb: number, passband: number): Kernel {
  const stopEdge = 0.5 * Math.min(1, ratio);
  const passEdge = stopEdge * passband;
  const cutoff = (stopEdge + passEdge) / 2;
  const transition = 2 * Math.PI * (stopEdge - passEdge);
  const beta =
    attenuationDb > 50
      ? 0.1102 * (attenuationDb - 8.7)
      : 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  const halfLength = Math.ceil((attenuationDb - 8) / (2.285 * transition) / 2) + 1;
  const size = halfLength * TABLE_PHASES;
  const table = new Float64Array(size + 2);
  const i0Beta = besselI0(beta);
  for (let i = 0; i <= size; i++) {
    const d = i / TABLE_PHASES;
    const x = 2 * cutoff * d;
    const sinc = i === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    const u = d / halfLength;
    table[i] = 2 * cutoff * sinc * (besselI0(beta * Math.sqrt(Math.max(0, 1 - u * u))) / i0Beta);
  }
  return { halfLength, table };
}

class WindowedSincResampler implements Resampler {
  readonly #inputRate: number;
  readonly #outputRate: number;
  readonly #kernel: Kernel;
  #buffer = new Float64Array(0);
  /** Absolute input index of #buffer[0]. */
  #bufferStart = 0;
  #inputCount = 0;
  #nextOutput = 0;
  #flushed = false;

  constructor(inputRate: number, outputRate: number, kernel: Kernel) {
    this.#inputRate = inputRate;
    this.#outputRate = outputRate;
    this.#kernel = kernel;
  }

  process(chunk: ArrayLike<number>): Float64Array {
    checkParameter(!this.#flushed, 'resampler', 'flushed', 'not used after flush()');
    this.#append(chunk);
    const last = Math.floor(this.#inputCount - this.#kernel.halfLength);
    return this.#produce((n) => this.#position(n).base < last);
  }

  flush(): Float64Array {
    if (this.#flushed) return new Float64Array(0);
    this.#flushed = true;
    const total = Math.ceil((this.#inputCount * this.#outputRate) / this.#inputRate);
    return this.#produce((n) => n < total);
  }

  #append(chunk: ArrayLike<number>): void {
    const keepFrom = this.#position(this.#nextOutput).base - this.#kernel.halfLength;
    const drop = Math.max(0, Math.min(keepFrom - this.#bufferStart, this.#buffer.length));
    const kept = this.#buffer.subarray(drop);
    const next = new Float64Array(kept.length + chunk.length);
    next.set(kept);
    for (let i = 0; i < chunk.length; i++) next[kept.length + i] = chunk[i] ?? 0;
    this.#buffer = next;
    this.#bufferStart += drop;
    this.#inputCount += chunk.length;
  }

  #position(n: number): { base: number; frac: number } {
    const num = n * this.#inputRate;
    const base = Math.floor(num / this.#outputRate);
    return { base, frac: (num - base * this.#outputRate) / this.#outputRate };
  }

  #produce(ready: (n: number) => boolean): Float64Array {
    const out: number[] = [];
    while (ready(this.#nextOutput)) {
      out.push(this.#sampleAt(this.#nextOutput));
      this.#nextOutput++;
    }
    return Float64Array.from(out);
  }

  #sampleAt(n: number): number {
    const { base, frac } = this.#position(n);
    const { halfLength, table } = this.#kernel;
    const buffer = this.#buffer;
    let sum = 0;
    for (let j = 1 - halfLength; j <= halfLength; j++) {
      const k = base + j - this.#bufferStart;
      if (k < 0 || k >= buffer.length) continue;
      const pos = Math.abs(frac - j) * TABLE_PHASES;
      const i = Math.floor(pos);
      const a = table[i] ?? 0;
      const b = table[i + 1] ?? 0;
      sum += (buffer[k] ?? 0) * (a + (b - a) * (pos - i));
    }
    return sum;
  }
}

class Passthrough implements Resampler {
  process(chunk: ArrayLike<number>): Float64Array {
    return Float64Array.from(chunk);
  }

  flush(): Float64Array {
    return new Float64Array(0);
  }
}

/**
 * A streaming band-limited resampler.
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` for a non-positive rate, an attenuation
 * outside [40, 180] dB or a passband outside (0, 1).
 */
export function newResampler(options: ResamplerOptions): Resampler {
  const { inputRate, outputRate } = options;
  const attenuationDb = options.attenuationDb ?? 100;
  const passband = options.passband ?? 0.9;
  checkParameter(
    Number.isInteger(inputRate) && inputRate > 0,
    'inputRate',
    inputRate,
    'a positive integer',
  );
  checkParameter(
    Number.isInteger(outputRate) && outputRate > 0,
    'outputRate',
    outputRate,
    'a positive integer',
  );
  checkParameter(
    attenuationDb >= 40 && attenuationDb <= 180,
    'attenuationDb',
    attenuationDb,
    'in [40, 180]',
  );
  checkParameter(passband > 0 && passband < 1, 'passband', passband, 'in (0, 1)');
  if (inputRate === outputRate) return new Passthrough();
  const kernel = designKernel(outputRate / inputRate, attenuationDb, passband);
  return new WindowedSincResampler(inputRate, outputRate, kernel);
}

/**
 * Resamples a whole signal: `ceil(samples.length * outputRate / inputRate)` samples out, the
 * first aligned with the first sample in.
 *
 * @throws {AudioError} as {@link newResampler}.
 */
export function resample(samples: ArrayLike<number>, options: ResamplerOptions): Float64Array {
  const resampler = newResampler(options);
  const head = resampler.process(samples);
  const tail = resampler.flush();
  const out = new Float64Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
