/*
 * Gaussian smoothing and the Laplacian of Gaussian, as scipy.ndimage's `gaussian_filter` and
 * `gaussian_laplace`: axis 0 (down the columns) first, then axis 1 (along the rows), each with
 * the kernel of gaussian-kernel.ts, truncated at 4 standard deviations.
 */
import { correlateColumns, correlateRows, type BorderMode } from './correlate.js';
import { gaussianKernel } from './gaussian-kernel.js';

/** A row-major plane of doubles, the working type of the extractors. */
export interface Plane {
  readonly width: number;
  readonly height: number;
  readonly data: Float64Array;
}

/** A new zero plane of the given size. */
export function newPlane(width: number, height: number): Plane {
  return { width, height, data: new Float64Array(width * height) };
}

/** Scratch planes an extractor reuses between filters, so large images allocate once. */
export interface Scratch {
  readonly temp: Float64Array;
}

/** Scratch for planes of `width * height`. */
export function newScratch(width: number, height: number): Scratch {
  return { temp: new Float64Array(width * height) };
}

/**
 * Gaussian filter of standard deviation `sigma`: order 0 smooths, order 2 takes the second
 * derivative, per axis (`[rowsAxisOrder, columnsAxisOrder]` as scipy's `order`). `out` may be
 * `plane`.
 */
export function gaussianFilter(
  plane: Plane,
  sigma: number,
  mode: BorderMode,
  out: Float64Array = new Float64Array(plane.data.length),
  orders: readonly [0 | 2, 0 | 2] = [0, 0],
  scratch: Scratch = newScratch(plane.width, plane.height),
): Float64Array {
  const { width, height, data } = plane;
  correlateColumns(data, scratch.temp, width, height, gaussianKernel(sigma, orders[0]), mode);
  correlateRows(scratch.temp, out, width, height, gaussianKernel(sigma, orders[1]), mode);
  return out;
}

/**
 * The Laplacian of Gaussian, `scipy.ndimage.gaussian_laplace`: the second derivative along
 * axis 0 plus the second derivative along axis 1, both of the Gaussian-smoothed plane.
 */
export function gaussianLaplace(
  plane: Plane,
  sigma: number,
  mode: BorderMode,
  out: Float64Array = new Float64Array(plane.data.length),
  scratch: Scratch = newScratch(plane.width, plane.height),
): Float64Array {
  const { width, height, data } = plane;
  const smooth = gaussianKernel(sigma, 0);
  const second = gaussianKernel(sigma, 2);
  const { temp } = scratch;
  correlateColumns(data, temp, width, height, second, mode);
  correlateRows(temp, out, width, height, smooth, mode);
  correlateColumns(data, temp, width, height, smooth, mode);
  correlateRows(temp, temp, width, height, second, mode);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (temp[i] as number);
  return out;
}
