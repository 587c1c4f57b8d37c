/*
 * Separable 1-D correlation of a row-major image along its columns (axis 0) or its rows
 * (axis 1), as `scipy.ndimage.correlate1d`, in the same floating-point order: for a symmetric
 * kernel each output is w0 x centre, then (x[-k] + x[+k]) x w[-k] added from the outermost pair
 * inwards; for an antisymmetric kernel (x[-k] - x[+k]) x w[-k]; otherwise the last tap first,
 * then the others in order. Samples beyond the image come from the border mode (scipy's names),
 * repeating periodically when a kernel is longer than the image.
 *
 * These are the hot loops of every extractor. The column pass walks whole rows (contiguous
 * memory), four kernel taps per sweep; the row pass copies each row into a padded line and
 * computes four outputs per iteration. Neither changes the order of the additions. Indices are
 * in range by construction, so typed-array reads are asserted (`as number`), not defaulted.
 */
import type { Kernel1d } from './gaussian-kernel.js';

/** How samples beyond the image are made (scipy.ndimage's `mode`). */
export type BorderMode = 'reflect' | 'mirror' | 'nearest' | 'constant';

/** Symmetric (1), antisymmetric (-1) or neither (0), with scipy's DBL_EPSILON test. */
export function kernelSymmetry(kernel: Kernel1d): 1 | -1 | 0 {
  const { radius, weights } = kernel;
  let symmetric = true;
  let antisymmetric = true;
  for (let k = 1; k <= radius; k++) {
    const before = weights[radius - k] as number;
    const after = weights[radius + k] as number;
    if (Math.abs(after - before) > Number.EPSILON) symmetric = false;
    if (Math.abs(after + before) > Number.EPSILON) antisymmetric = false;
  }
  if (symmetric) return 1;
  return antisymmetric ? -1 : 0;
}

/** The index in [0, n) that position `i` reads under `mode`, or -1 for the constant 0. */
export function borderIndex(i: number, n: number, mode: BorderMode): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'constant') return -1;
  if (mode === 'nearest') return i < 0 ? 0 : n - 1;
  const period = mode === 'reflect' ? 2 * n : 2 * n - 2;
  if (period === 0) return 0;
  const m = ((i % period) + period) % period;
  return m < n ? m : period - 1 - m + (mode === 'reflect' ? 0 : 1);
}

/** borderIndex for positions -radius .. n - 1 + radius, at [position + radius]. */
function extendedIndices(n: number, radius: number, mode: BorderMode): Int32Array {
  const indices = new Int32Array(n + 2 * radius);
  for (let i = 0; i < indices.length; i++) indices[i] = borderIndex(i - radius, n, mode);
  return indices;
}

/** Correlates every column of `src` with `kernel` into `dst` (`dst` must not be `src`). */
export function correlateColumns(
  src: Float64Array,
  dst: Float64Array,
  width: number,
  height: number,
  kernel: Kernel1d,
  mode: BorderMode,
): void {
  const rows = extendedIndices(height, kernel.radius, mode);
  const symmetry = kernelSymmetry(kernel);
  for (let y = 0; y < height; y++) {
    const pass: ColumnPass = { src, dst, width, out: y * width, y, rows, kernel };
    if (symmetry === 0) generalColumn(pass);
    else foldedColumn(pass, symmetry);
  }
}

interface ColumnPass {
  readonly src: Float64Array;
  readonly dst: Float64Array;
  readonly width: number;
  /** Offset of the output row. */
  readonly out: number;
  readonly y: number;
  /** Source row of each position, see extendedIndices. */
  readonly rows: Int32Array;
  readonly kernel: Kernel1d;
}

function foldedColumn(pass: ColumnPass, symmetry: 1 | -1): void {
  const { src, dst, width, out, y, rows, kernel } = pass;
  const { radius, weights } = kernel;
  const centre = weights[radius] as number;
  for (let x = 0; x < width; x++) dst[out + x] = (src[out + x] as number) * centre;
  let k = radius;
  while (k > 0) {
    if (symmetry === 1 && k >= 4 && fourRowsPresent(pass, k)) {
      addFourPairs(pass, k);
      k -= 4;
    } else {
      const up = rows[y + radius - k] as number;
      const down = rows[y + radius + k] as number;
      addRowPair(pass, up, down, weights[radius - k] as number, symmetry);
      k--;
    }
  }
}

function fourRowsPresent(pass: ColumnPass, k: number): boolean {
  const base = pass.y + pass.kernel.radius;
  for (let j = 0; j < 4; j++) {
    if ((pass.rows[base - k + j] as number) < 0 || (pass.rows[base + k - j] as number) < 0) {
      return false;
    }
  }
  return true;
}

/** Adds the symmetric pairs at distances k, k-1, k-2, k-3, in that order. */
function addFourPairs(pass: ColumnPass, k: number): void {
  const { src, dst, width, out, y, rows, kernel } = pass;
  const base = y + kernel.radius;
  const w = kernel.weights;
  const r = kernel.radius;
  const a1 = (rows[base - k] as number) * width;
  const b1 = (rows[base + k] as number) * width;
  const a2 = (rows[base - k + 1] as number) * width;
  const b2 = (rows[base + k - 1] as number) * width;
  const a3 = (rows[base - k + 2] as number) * width;
  const b3 = (rows[base + k - 2] as number) * width;
  const a4 = (rows[base - k + 3] as number) * width;
  const b4 = (rows[base + k - 3] as number) * width;
  const w1 = w[r - k] as number;
  const w2 = w[r - k + 1] as number;
  const w3 = w[r - k + 2] as number;
  const w4 = w[r - k + 3] as number;
  for (let x = 0; x < width; x++) {
    let acc = dst[out + x] as number;
    acc += ((src[a1 + x] as number) + (src[b1 + x] as number)) * w1;
    acc += ((src[a2 + x] as number) + (src[b2 + x] as number)) * w2;
    acc += ((src[a3 + x] as number) + (src[b3 + x] as number)) * w3;
    acc += ((src[a4 + x] as number) + (src[b4 + x] as number)) * w4;
    dst[out + x] = acc;
  }
}

/** dst row += (src[up row] +/- src[down row]) x weight, a missing (-1) row reading 0. */
function addRowPair(
  pass: ColumnPass,
  up: number,
  down: number,
  weight: number,
  symmetry: 1 | -1,
): void {
  const { src, dst, width, out } = pass;
  const a = up * width;
  const b = down * width;
  if (up >= 0 && down >= 0) {
    const sign = symmetry;
    for (let x = 0; x < width; x++) {
      dst[out + x] =
        (dst[out + x] as number) +
        ((src[a + x] as number) + sign * (src[b + x] as number)) * weight;
    }
  } else if (up >= 0 || down >= 0) {
    const from = up >= 0 ? a : b;
    const w = up >= 0 || symmetry === 1 ? weight : -weight;
    for (let x = 0; x < width; x++) {
      dst[out + x] = (dst[out + x] as number) + (src[from + x] as number) * w;
    }
  }
}

function generalColumn(pass: ColumnPass): void {
  const { src, dst, width, out, y, rows, kernel } = pass;
  const { radius, weights } = kernel;
  const last = rows[y + 2 * radius] as number;
  const lastWeight = weights[2 * radius] as number;
  for (let x = 0; x < width; x++) {
    dst[out + x] = last < 0 ? 0 : (src[last * width + x] as number) * lastWeight;
  }
  for (let k = 0; k < 2 * radius; k++) {
    const row = rows[y + k] as number;
    if (row < 0) continue;
    const w = weights[k] as number;
    const a = row * width;
    for (let x = 0; x < width; x++)
      dst[out + x] = (dst[out + x] as number) + (src[a + x] as number) * w;
  }
}

/** Correlates every row of `src` with `kernel` into `dst` (`dst` may be `src`). */
export function correlateRows(
  src: Float64Array,
  dst: Float64Array,
  width: number,
  height: number,
  kernel: Kernel1d,
  mode: BorderMode,
): void {
  const { radius } = kernel;
  const symmetry = kernelSymmetry(kernel);
  const line = new Float64Array(width + 2 * radius);
  const sources = extendedIndices(width, radius, mode);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let i = 0; i < line.length; i++) {
      const x = sources[i] as number;
      line[i] = x < 0 ? 0 : (src[row + x] as number);
    }
    if (symmetry === 1) symmetricLine(line, dst, row, width, kernel);
    else if (symmetry === -1) antisymmetricLine(line, dst, row, width, kernel);
    else generalLine(line, dst, row, width, kernel);
  }
}

/** Four outputs per iteration (more independent additions in flight), each in scipy's order. */
function symmetricLine(
  line: Float64Array,
  dst: Float64Array,
  row: number,
  width: number,
  kernel: Kernel1d,
): void {
  const { radius, weights } = kernel;
  const centre = weights[radius] as number;
  let x = 0;
  for (; x + 3 < width; x += 4) {
    const c = x + radius;
    let a0 = (line[c] as number) * centre;
    let a1 = (line[c + 1] as number) * centre;
    let a2 = (line[c + 2] as number) * centre;
    let a3 = (line[c + 3] as number) * centre;
    for (let k = radius; k > 0; k--) {
      const w = weights[radius - k] as number;
      const lo = c - k;
      const hi = c + k;
      a0 += ((line[lo] as number) + (line[hi] as number)) * w;
      a1 += ((line[lo + 1] as number) + (line[hi + 1] as number)) * w;
      a2 += ((line[lo + 2] as number) + (line[hi + 2] as number)) * w;
      a3 += ((line[lo + 3] as number) + (line[hi + 3] as number)) * w;
    }
    dst[row + x] = a0;
    dst[row + x + 1] = a1;
    dst[row + x + 2] = a2;
    dst[row + x + 3] = a3;
  }
  for (; x < width; x++) {
    const c = x + radius;
    let acc = (line[c] as number) * centre;
    for (let k = radius; k > 0; k--) {
      acc += ((line[c - k] as number) + (line[c + k] as number)) * (weights[radius - k] as number);
    }
    dst[row + x] = acc;
  }
}

function antisymmetricLine(
  line: Float64Array,
  dst: Float64Array,
  row: number,
  width: number,
  kernel: Kernel1d,
): void {
  const { radius, weights } = kernel;
  const centre = weights[radius] as number;
  for (let x = 0; x < width; x++) {
    const c = x + radius;
    let acc = (line[c] as number) * centre;
    for (let k = radius; k > 0; k--) {
      acc += ((line[c - k] as number) - (line[c + k] as number)) * (weights[radius - k] as number);
    }
    dst[row + x] = acc;
  }
}

function generalLine(
  line: Float64Array,
  dst: Float64Array,
  row: number,
  width: number,
  kernel: Kernel1d,
): void {
  const { radius, weights } = kernel;
  for (let x = 0; x < width; x++) {
    let acc = (line[x + 2 * radius] as number) * (weights[2 * radius] as number);
    for (let k = 0; k < 2 * radius; k++) acc += (line[x + k] as number) * (weights[k] as number);
    dst[row + x] = acc;
  }
}
