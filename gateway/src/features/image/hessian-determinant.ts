/*
 * The box-filter approximation of the Hessian determinant on an integral image, as
 * scikit-image 0.19's `_hessian_matrix_det(integral, sigma)` (the SURF construction): with
 * size = int(3 sigma), Dxy from four size/3 squares around the pixel, Dxx and Dyy from a
 * size-long box minus three times its middle third, each divided by size^2, and
 * det = Dxx Dyy - 0.81 Dxy^2. Box corners are clipped to the image (the far corner from the
 * clipped near one), and a box sum below zero counts as zero, as there.
 *
 * Every clipped corner depends only on the row or only on the column, so they are tabulated
 * once per scale and the inner loop is lookups and arithmetic.
 */
import type { Plane } from './gaussian-filter.js';

/** The summed-area table: cumulative sums down the columns, then along the rows (as skimage). */
export function integralImage(image: Plane): Float64Array {
  const { width, height, data } = image;
  const sums = Float64Array.from(data);
  for (let i = width; i < sums.length; i++) {
    sums[i] = (sums[i - width] as number) + (sums[i] as number);
  }
  for (let y = 0; y < height; y++) {
    for (let i = y * width + 1; i < (y + 1) * width; i++) {
      sums[i] = (sums[i - 1] as number) + (sums[i] as number);
    }
  }
  return sums;
}

/** One axis of a box: it starts `offset` from the pixel and spans `length` (before clipping). */
interface Span {
  readonly offset: number;
  readonly length: number;
}

/** The five box spans of scikit-image's construction, per axis. */
function spans(size: number): Span[] {
  const s2 = Math.floor((size - 1) / 2);
  const s3 = Math.floor(size / 3);
  return [
    { offset: -s3, length: s3 }, // CORNER: the squares before the pixel
    { offset: 1, length: s3 }, // AFTER: the squares after it
    { offset: -s3 + 1, length: 2 * s3 - 1 }, // BAND: across the lobes
    { offset: -s2, length: size }, // LONG: along the lobes
    { offset: -Math.floor(s3 / 2), length: s3 }, // SIDE: the middle lobe
  ];
}

const CORNER = 0;
const AFTER = 1;
const BAND = 2;
const LONG = 3;
const SIDE = 4;

/** Clipped starts and ends of every span at every position 0 .. n-1, times `scale`. */
interface ClippedSpans {
  readonly start: readonly Int32Array[];
  readonly end: readonly Int32Array[];
}

/**
 * For each span, its clipped start and end at every position 0 .. n-1, multiplied by `scale`
 * (the row stride for rows). As there, the end is the clipped start plus the length, clipped
 * again.
 */
function clippedSpans(all: readonly Span[], n: number, scale: number): ClippedSpans {
  const start = all.map(() => new Int32Array(n));
  const end = all.map(() => new Int32Array(n));
  all.forEach((span, k) => {
    const starts = start[k] as Int32Array;
    const ends = end[k] as Int32Array;
    for (let p = 0; p < n; p++) {
      const first = Math.min(n - 1, Math.max(0, p + span.offset));
      starts[p] = first * scale;
      ends[p] = Math.min(n - 1, Math.max(0, first + span.length)) * scale;
    }
  });
  return { start, end };
}

/** The eight box sums of one row, each a line of the row's width. */
interface BoxLines {
  readonly tl: Float64Array;
  readonly br: Float64Array;
  readonly bl: Float64Array;
  readonly tr: Float64Array;
  readonly midX: Float64Array;
  readonly sideX: Float64Array;
  readonly midY: Float64Array;
  readonly sideY: Float64Array;
}

/** The approximate Hessian determinant at scale `sigma` of the image whose table is `sums`. */
export function hessianDeterminant(
  sums: Float64Array,
  width: number,
  height: number,
  sigma: number,
  out: Float64Array = new Float64Array(width * height),
): Float64Array {
  const size = Math.trunc(3 * sigma);
  const all = spans(size);
  const rows = clippedSpans(all, height, width);
  const cols = clippedSpans(all, width, 1);
  const weight = 1 / size / size;
  const line = (): Float64Array => new Float64Array(width);
  const b: BoxLines = {
    tl: line(),
    br: line(),
    bl: line(),
    tr: line(),
    midX: line(),
    sideX: line(),
    midY: line(),
    sideY: line(),
  };
  const boxes = (y: number, rowSpan: number, colSpan: number, into: Float64Array): void => {
    const r0 = (rows.start[rowSpan] as Int32Array)[y] as number;
    const r2 = (rows.end[rowSpan] as Int32Array)[y] as number;
    boxLine(sums, r0, r2, cols.start[colSpan] as Int32Array, cols.end[colSpan] as Int32Array, into);
  };
  for (let y = 0; y < height; y++) {
    boxes(y, CORNER, CORNER, b.tl);
    boxes(y, AFTER, AFTER, b.br);
    boxes(y, CORNER, AFTER, b.bl);
    boxes(y, AFTER, CORNER, b.tr);
    boxes(y, BAND, LONG, b.midX);
    boxes(y, BAND, SIDE, b.sideX);
    boxes(y, LONG, BAND, b.midY);
    boxes(y, SIDE, BAND, b.sideY);
    combine(b, weight, out, y * width);
  }
  return out;
}

/** Box sums along one row of boxes, rows r0..r2 of the table, columns from the span tables. */
function boxLine(
  sums: Float64Array,
  r0: number,
  r2: number,
  start: Int32Array,
  end: Int32Array,
  into: Float64Array,
): void {
  for (let x = 0; x < into.length; x++) {
    const c0 = start[x] as number;
    const c2 = end[x] as number;
    const sum =
      (sums[r0 + c0] as number) +
      (sums[r2 + c2] as number) -
      (sums[r0 + c2] as number) -
      (sums[r2 + c0] as number);
    into[x] = sum > 0 ? sum : 0;
  }
}

/** det = Dxx Dyy - 0.81 Dxy^2 from the eight box lines, in scikit-image's arithmetic. */
function combine(b: BoxLines, weight: number, out: Float64Array, offset: number): void {
  const { tl, br, bl, tr, midX, sideX, midY, sideY } = b;
  for (let x = 0; x < tl.length; x++) {
    const dxy =
      -((bl[x] as number) + (tr[x] as number) - (tl[x] as number) - (br[x] as number)) * weight;
    const dxx = -((midX[x] as number) - 3 * (sideX[x] as number)) * weight;
    const dyy = -((midY[x] as number) - 3 * (sideY[x] as number)) * weight;
    out[offset + x] = dxx * dyy - 0.81 * (dxy * dxy);
  }
}
