/**
 * sphinxbase's real FFT (`fe_fft_real` in `fe_sigproc.c`): the in-place radix-2 transform of a
 * real sequence of Sorensen, Jones, Heideman and Burrus (1987), in double precision, with
 * sphinxbase's twiddle factors cos(2 pi i / N) and sin(2 pi i / N).
 *
 * Every output value goes through the same additions and multiplications, in the same order, as
 * in sphinx_fe, so the power spectrum is sphinx_fe's to the bit. Only the schedule differs, for
 * speed: the bit-reversal permutation is read on the fly by a first pass that also does the
 * first two or three stages (their twiddles are trivial), and the remaining stages go two at a
 * time, so each pass loads and stores eight values for four butterflies (radix-4 memory traffic
 * over radix-2 arithmetic). The result is in Sorensen's layout: x[0] is the DC term, x[k] and
 * x[N - k] the real and imaginary parts of bin k for 0 < k < N / 2, and x[N / 2] the Nyquist
 * term.
 *
 * The front end runs this schedule in WebAssembly, two frames at a time, one per SIMD lane
 * (`front-end-kernel-fft.ts` and the files beside it, built from this file's bit reversal and
 * twiddles and checked against this code to the bit); this JavaScript form is their reference.
 *
 * Indices are in range by construction, so array reads are asserted `as number` rather than
 * defaulted with `?? 0`, which would put a branch on every read of the innermost loops; and
 * helpers called per block take arrays and indices, never loose numbers, which V8 would box
 * (allocate) on each call that it does not inline.
 */

import { lastStagePairPower, type StageTwiddles } from './real-fft-power.js';

/** A real FFT of one power-of-two size, with its tables. */
export interface RealFft {
  readonly size: number;
  /** Transforms `input` (`size` values) into `output` (`size` values, Sorensen's layout). */
  transform(input: Float64Array, output: Float64Array): void;
  /** The power spectrum of a transform: `size / 2 + 1` values |X_k|^2 into `out`. */
  powerSpectrum(spectrum: Float64Array, out: Float64Array): void;
  /**
   * {@link transform} then {@link powerSpectrum}, the last pass fused with the squares (the
   * same bits, faster); `scratch` (`size` values) is overwritten.
   */
  powerSpectrumOf(input: Float64Array, scratch: Float64Array, power: Float64Array): void;
  /**
   * {@link powerSpectrumOf} of the frame samples[start + i] * window[i], i < `size`, without
   * writing the frame out: the first pass reads and weights the samples as it permutes them.
   * `window` has `size` values (zero past the analysis window, which zero pads the frame), and
   * samples[start .. start + size) must be finite (what a zero weight meets).
   */
  windowedPowerSpectrum(
    samples: Float64Array,
    start: number,
    window: Float64Array,
    scratch: Float64Array,
    power: Float64Array,
  ): void;
}

const NONE: StageTwiddles = { cos: new Float64Array(1), sin: new Float64Array(1) };

class SorensenRealFft implements RealFft {
  readonly size: number;
  readonly #order: number;
  readonly #bitReversed: Int32Array;
  readonly #twiddles: readonly StageTwiddles[];
  /** Stages done by the first pass (with the bit reversal). */
  readonly #firstStages: number;
  /** The window of the unweighted transforms: x * 1 is x, to the bit. */
  readonly #ones: Float64Array;

  constructor(size: number) {
    this.size = size;
    this.#order = Math.round(Math.log2(size));
    this.#bitReversed = bitReversal(size);
    this.#twiddles = stageTwiddles(size, this.#order);
    this.#firstStages = this.#order < 2 ? this.#order : this.#order % 2 === 1 ? 3 : 2;
    this.#ones = new Float64Array(size).fill(1);
  }

  transform(input: Float64Array, output: Float64Array): void {
    this.#firstPass(input, 0, this.#ones, output);
    for (let stage = this.#firstStages; stage < this.#order; stage += 2) {
      this.#stagePair(output, stage);
    }
  }

  powerSpectrumOf(input: Float64Array, scratch: Float64Array, power: Float64Array): void {
    this.windowedPowerSpectrum(input, 0, this.#ones, scratch, power);
  }

  windowedPowerSpectrum(
    samples: Float64Array,
    start: number,
    window: Float64Array,
    scratch: Float64Array,
    power: Float64Array,
  ): void {
    const last = this.#order - 2;
    this.#firstPass(samples, start, window, scratch);
    if (last < this.#firstStages) {
      for (let stage = this.#firstStages; stage < this.#order; stage += 2) {
        this.#stagePair(scratch, stage);
      }
      this.powerSpectrum(scratch, power);
      return;
    }
    for (let stage = this.#firstStages; stage < last; stage += 2) this.#stagePair(scratch, stage);
    // The stages after the first pass come in pairs (their number is even), and the last pair
    // covers a single block of all N points.
    const inner = this.#twiddles[last] ?? NONE;
    const outer = this.#twiddles[last + 1] ?? NONE;
    lastStagePairPower(scratch, this.size / 4, inner, outer, power);
  }

  /** The first pass over samples[start + i] * window[i]. */
  #firstPass(input: Float64Array, start: number, window: Float64Array, output: Float64Array): void {
    if (this.#firstStages === 3) this.#firstThreeStages(input, start, window, output);
    else if (this.#firstStages === 2) this.#firstTwoStages(input, start, window, output);
    else this.#firstStage(input, start, window, output);
  }

  powerSpectrum(spectrum: Float64Array, out: Float64Array): void {
    const n = this.size;
    const dc = spectrum[0] as number;
    out[0] = dc * dc;
    for (let j = 1; j < n / 2; j++) {
      const re = spectrum[j] as number;
      const im = spectrum[n - j] as number;
      out[j] = re * re + im * im;
    }
    const nyquist = spectrum[n / 2] as number;
    out[n / 2] = nyquist * nyquist;
  }

  /** Sizes 1 and 2: the bit reversal is the identity, one 2-point butterfly. */
  #firstStage(input: Float64Array, start: number, window: Float64Array, x: Float64Array): void {
    for (let i = 0; i < this.size; i++) {
      x[i] = (input[start + i] as number) * (window[i] as number);
    }
    if (this.size === 2) {
      const a = x[0] as number;
      const b = x[1] as number;
      x[0] = a + b;
      x[1] = a - b;
    }
  }

  /** Bit reversal (with the window) and stages 0 and 1 (4-point transforms, trivial twiddles). */
  #firstTwoStages(input: Float64Array, start: number, w: Float64Array, x: Float64Array): void {
    const rev = this.#bitReversed;
    for (let i = 0; i < this.size; i += 4) {
      const r0 = rev[i] as number;
      const r1 = rev[i + 1] as number;
      const r2 = rev[i + 2] as number;
      const r3 = rev[i + 3] as number;
      const a = (input[start + r0] as number) * (w[r0] as number);
      const b = (input[start + r1] as number) * (w[r1] as number);
      const c = (input[start + r2] as number) * (w[r2] as number);
      const d = (input[start + r3] as number) * (w[r3] as number);
      const ab = a + b;
      const cd = c + d;
      x[i] = ab + cd;
      x[i + 1] = a - b;
      x[i + 2] = ab - cd;
      x[i + 3] = -(c - d);
    }
  }

  /**
   * Bit reversal (with the window) and stages 0, 1 and 2 (8-point transforms, one non-trivial
   * twiddle).
   */
  #firstThreeStages(input: Float64Array, start: number, w: Float64Array, x: Float64Array): void {
    const rev = this.#bitReversed;
    const twiddles = this.#twiddles[2];
    const cc = twiddles === undefined ? 0 : (twiddles.cos[1] as number);
    const ss = twiddles === undefined ? 0 : (twiddles.sin[1] as number);
    for (let i = 0; i < this.size; i += 8) {
      const r0 = rev[i] as number;
      const r1 = rev[i + 1] as number;
      const r2 = rev[i + 2] as number;
      const r3 = rev[i + 3] as number;
      const r4 = rev[i + 4] as number;
      const r5 = rev[i + 5] as number;
      const r6 = rev[i + 6] as number;
      const r7 = rev[i + 7] as number;
      const a = (input[start + r0] as number) * (w[r0] as number);
      const b = (input[start + r1] as number) * (w[r1] as number);
      const c = (input[start + r2] as number) * (w[r2] as number);
      const d = (input[start + r3] as number) * (w[r3] as number);
      const e = (input[start + r4] as number) * (w[r4] as number);
      const f = (input[start + r5] as number) * (w[r5] as number);
      const g = (input[start + r6] as number) * (w[r6] as number);
      const h = (input[start + r7] as number) * (w[r7] as number);
      const ab = a + b;
      const cd = c + d;
      const ef = e + f;
      const gh = g + h;
      const y0 = ab + cd;
      const y1 = a - b;
      const y3 = -(c - d);
      const z0 = ef + gh;
      const z1 = e - f;
      const z3 = -(g - h);
      x[i] = y0 + z0;
      x[i + 4] = y0 - z0;
      x[i + 2] = ab - cd;
      x[i + 6] = -(ef - gh);
      const t1 = z1 * cc + z3 * ss;
      const t2 = z1 * ss - z3 * cc;
      x[i + 7] = y3 - t2;
      x[i + 5] = -y3 - t2;
      x[i + 3] = y1 - t1;
      x[i + 1] = y1 + t1;
    }
  }

  /**
   * Stages k and k + 1 in one pass. In a block of 4h points (h = 2^k), stage k's butterflies j
   * of both halves feed exactly stage k + 1's butterflies j and h - j, so the eight values are
   * loaded once; the trivial butterflies and stage k + 1's butterfly h / 2 form the ninth group.
   */
  #stagePair(x: Float64Array, k: number): void {
    const inner = this.#twiddles[k];
    const outer = this.#twiddles[k + 1];
    if (inner === undefined || outer === undefined) return;
    const h = 1 << k;
    for (let i = 0; i < this.size; i += 4 * h) trivialGroup(x, i, h, outer);
    radix4Groups(x, this.size, h, inner, outer);
  }
}

/** Stage k's trivial butterflies of a block and stage k + 1's butterflies 0 and h / 2. */
function trivialGroup(x: Float64Array, i: number, h: number, outer: StageTwiddles): void {
  const q = h >> 1;
  const cq = outer.cos[q] as number;
  const sq = outer.sin[q] as number;
  const half = 2 * h;
  const a = x[i] as number;
  const b = x[i + h] as number;
  const c = x[i + half] as number;
  const d = x[i + half + h] as number;
  const ab = a + b;
  const cd = c + d;
  x[i] = ab + cd;
  x[i + half] = ab - cd;
  x[i + h] = a - b;
  x[i + half + h] = -(c - d);
  const x1 = x[i + q] as number;
  const x2 = -(x[i + h + q] as number);
  const x3 = x[i + half + q] as number;
  const x4 = -(x[i + half + h + q] as number);
  const t1 = x3 * cq + x4 * sq;
  const t2 = x3 * sq - x4 * cq;
  x[i + half + h + q] = x2 - t2;
  x[i + half + q] = -x2 - t2;
  x[i + h + q] = x1 - t1;
  x[i + q] = x1 + t1;
}

/**
 * For 0 < j < h / 2, in every block of 4h points: stage k's butterflies j of both halves, then
 * stage k + 1's j and h - j. The loop over j is outside, so each twiddle is read once per stage
 * pair (the blocks are independent, so the order does not change a value).
 */
function radix4Groups(
  x: Float64Array,
  size: number,
  h: number,
  inner: StageTwiddles,
  outer: StageTwiddles,
): void {
  const half = 2 * h;
  const block = 2 * half;
  const innerCos = inner.cos;
  const innerSin = inner.sin;
  const outerCos = outer.cos;
  const outerSin = outer.sin;
  for (let j = 1; j < h >> 1; j++) {
    const cc = innerCos[j] as number;
    const ss = innerSin[j] as number;
    const c1 = outerCos[j] as number;
    const s1 = outerSin[j] as number;
    const c2 = outerCos[h - j] as number;
    const s2 = outerSin[h - j] as number;
    for (let i = 0; i < size; i += block) {
      const end = i + block;
      let p1 = x[i + j] as number;
      let p2 = x[i + h - j] as number;
      let p3 = x[i + h + j] as number;
      let p4 = x[i + half - j] as number;
      let t1 = p3 * cc + p4 * ss;
      let t2 = p3 * ss - p4 * cc;
      const a4 = p2 - t2;
      const a3 = -p2 - t2;
      const a2 = p1 - t1;
      const a1 = p1 + t1;
      p1 = x[i + half + j] as number;
      p2 = x[i + half + h - j] as number;
      p3 = x[i + half + h + j] as number;
      p4 = x[end - j] as number;
      t1 = p3 * cc + p4 * ss;
      t2 = p3 * ss - p4 * cc;
      const b4 = p2 - t2;
      const b3 = -p2 - t2;
      const b2 = p1 - t1;
      const b1 = p1 + t1;
      t1 = b1 * c1 + b4 * s1;
      t2 = b1 * s1 - b4 * c1;
      x[end - j] = a4 - t2;
      x[i + half + j] = -a4 - t2;
      x[i + half - j] = a1 - t1;
      x[i + j] = a1 + t1;
      t1 = b2 * c2 + b3 * s2;
      t2 = b2 * s2 - b3 * c2;
      x[i + half + h + j] = a3 - t2;
      x[i + half + h - j] = -a3 - t2;
      x[i + h + j] = a2 - t1;
      x[i + h - j] = a2 + t1;
    }
  }
}

/** The bit-reversal permutation as sphinxbase computes it: output i reads input rev[i]. */
export function bitReversal(n: number): Int32Array {
  const rev = new Int32Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    rev[i] = j;
    let k = n / 2;
    while (k >= 1 && k <= j) {
      j -= k;
      k /= 2;
    }
    j += k;
  }
  return rev;
}

/**
 * Stage k's twiddles: butterfly j (0 <= j < 2^(k-1)) uses sphinxbase's table entry
 * j * 2^(order - k - 1), cos and sin of 2 pi i / N for i < N / 4.
 */
export function stageTwiddles(n: number, order: number): StageTwiddles[] {
  const stages: StageTwiddles[] = [];
  for (let k = 0; k < order; k++) {
    const count = k === 0 ? 1 : 1 << (k - 1);
    const cos = new Float64Array(count);
    const sin = new Float64Array(count);
    for (let j = 0; j < count; j++) {
      const a = (2 * Math.PI * (j << (order - k - 1))) / n;
      cos[j] = Math.cos(a);
      sin[j] = Math.sin(a);
    }
    stages.push({ cos, sin });
  }
  return stages;
}

/** sphinxbase's real FFT of `size` points, a power of two. */
export function newRealFft(size: number): RealFft {
  return new SorensenRealFft(size);
}
