/**
 * The last pass of {@link newRealFft}'s transform fused with the power spectrum: in the final
 * pair of stages (one block of N points, h = N / 4), each group of butterflies produces both the
 * real and the imaginary part of the bins it touches (bin j's are at j and N - j), so |X_j|^2 is
 * computed right there instead of storing N values and reading them back. Every value is the one
 * {@link RealFft.transform} would store, squared and summed in the same order as
 * {@link RealFft.powerSpectrum} (re * re + im * im): the result is the same to the bit. The
 * squares are written out rather than called, so that no number is boxed across a call.
 */

/** Twiddle factors of one stage: index j holds the factor of butterfly j. */
export interface StageTwiddles {
  readonly cos: Float64Array;
  readonly sin: Float64Array;
}

/** Bins 0, h, N / 2 (the trivial butterflies) and h / 2, N / 2 - h / 2. */
function trivialPower(x: Float64Array, h: number, outer: StageTwiddles, power: Float64Array): void {
  const q = h >> 1;
  const half = 2 * h;
  const a = x[0] as number;
  const b = x[h] as number;
  const c = x[half] as number;
  const d = x[half + h] as number;
  const ab = a + b;
  const cd = c + d;
  const dc = ab + cd;
  const nyquist = ab - cd;
  power[0] = dc * dc;
  power[half] = nyquist * nyquist;
  const re1 = a - b;
  const im1 = -(c - d);
  power[h] = re1 * re1 + im1 * im1;
  const cq = outer.cos[q] as number;
  const sq = outer.sin[q] as number;
  const x1 = x[q] as number;
  const x2 = -(x[h + q] as number);
  const x3 = x[half + q] as number;
  const x4 = -(x[half + h + q] as number);
  const t1 = x3 * cq + x4 * sq;
  const t2 = x3 * sq - x4 * cq;
  const re2 = x1 + t1;
  const im2 = x2 - t2;
  power[q] = re2 * re2 + im2 * im2;
  const re3 = x1 - t1;
  const im3 = -x2 - t2;
  power[half - q] = re3 * re3 + im3 * im3;
}

/**
 * The last two stages of an N-point transform (N = 4h) held in `x` after the earlier stages,
 * written as the power spectrum (N / 2 + 1 values) into `power`.
 */
export function lastStagePairPower(
  x: Float64Array,
  h: number,
  inner: StageTwiddles,
  outer: StageTwiddles,
  power: Float64Array,
): void {
  trivialPower(x, h, outer, power);
  const half = 2 * h;
  const end = 2 * half;
  const { cos: innerCos, sin: innerSin } = inner;
  const { cos: outerCos, sin: outerSin } = outer;
  for (let j = 1; j < h >> 1; j++) {
    const cc = innerCos[j] as number;
    const ss = innerSin[j] as number;
    let p1 = x[j] as number;
    let p2 = x[h - j] as number;
    let p3 = x[h + j] as number;
    let p4 = x[half - j] as number;
    let t1 = p3 * cc + p4 * ss;
    let t2 = p3 * ss - p4 * cc;
    const a4 = p2 - t2;
    const a3 = -p2 - t2;
    const a2 = p1 - t1;
    const a1 = p1 + t1;
    p1 = x[half + j] as number;
    p2 = x[half + h - j] as number;
    p3 = x[half + h + j] as number;
    p4 = x[end - j] as number;
    t1 = p3 * cc + p4 * ss;
    t2 = p3 * ss - p4 * cc;
    const b4 = p2 - t2;
    const b3 = -p2 - t2;
    const b2 = p1 - t1;
    const b1 = p1 + t1;
    let c = outerCos[j] as number;
    let s = outerSin[j] as number;
    t1 = b1 * c + b4 * s;
    t2 = b1 * s - b4 * c;
    const re4 = a1 + t1;
    const im4 = a4 - t2;
    power[j] = re4 * re4 + im4 * im4;
    const re5 = a1 - t1;
    const im5 = -a4 - t2;
    power[half - j] = re5 * re5 + im5 * im5;
    c = outerCos[h - j] as number;
    s = outerSin[h - j] as number;
    t1 = b2 * c + b3 * s;
    t2 = b2 * s - b3 * c;
    const re6 = a2 + t1;
    const im6 = a3 - t2;
    power[h - j] = re6 * re6 + im6 * im6;
    const re7 = a2 - t1;
    const im7 = -a3 - t2;
    power[h + j] = re7 * re7 + im7 * im7;
  }
}
