/*
 * The structure tensor, with one of two windows:
 *
 * - Gaussian (blockSize 0, the default), as scikit-image 0.19's `feature.structure_tensor(image,
 *   sigma, order='rc')`: Sobel derivatives with zero padding (`mode='constant'`), their products
 *   smoothed by a Gaussian of standard deviation sigma, also with zero padding. This is the
 *   Gaussian-windowed tensor of Harris and Stephens, which `corner_harris` and
 *   `corner_shi_tomasi` use.
 * - Box (blockSize n >= 1), as OpenCV 4's `cornerEigenValsVecs` behind `cornerHarris(src, n,
 *   ksize 3, k)` and `cornerMinEigenVal(src, n, 3)`: 3 x 3 Sobel derivatives scaled by
 *   1 / (4 n), their products summed (not averaged) over an n x n window anchored at its centre
 *   (n / 2, rounded down, for even n), all with OpenCV's default border BORDER_REFLECT_101
 *   (scipy's `mirror`). OpenCV computes in single precision; this in double.
 */
import { correlateColumns, correlateRows, type BorderMode } from './correlate.js';
import { gaussianFilter, type Plane } from './gaussian-filter.js';
import type { Kernel1d } from './gaussian-kernel.js';
import { sobel } from './sobel.js';

/** The three distinct elements of the 2 x 2 tensor at every pixel (r: rows axis, c: columns). */
export interface StructureTensor {
  readonly width: number;
  readonly height: number;
  /** Windowed (d/dr)^2. */
  readonly arr: Float64Array;
  /** Windowed (d/dr)(d/dc). */
  readonly arc: Float64Array;
  /** Windowed (d/dc)^2. */
  readonly acc: Float64Array;
  /** The Gaussian window's standard deviation (unused when `blockSize` > 0). */
  readonly sigma: number;
  /** 0 for the Gaussian window, else the side of OpenCV's box window. */
  readonly blockSize: number;
}

/**
 * The structure tensor of `image`: with a Gaussian window of standard deviation `sigma` when
 * `blockSize` is 0 (scikit-image), else with OpenCV's `blockSize` x `blockSize` box window.
 */
export function structureTensor(image: Plane, sigma: number, blockSize = 0): StructureTensor {
  const { width, height } = image;
  const mode: BorderMode = blockSize > 0 ? 'mirror' : 'constant';
  const { gy: dr, gx: dc } = sobel(image, mode);
  // OpenCV scales the derivatives by 1 / ((1 << (ksize - 1)) blockSize), ksize 3.
  const scale = blockSize > 0 ? 1 / (4 * blockSize) : 1;
  const arr = new Float64Array(image.data.length);
  const arc = new Float64Array(image.data.length);
  for (let i = 0; i < arr.length; i++) {
    const r = (dr[i] as number) * scale;
    const c = (dc[i] as number) * scale;
    arr[i] = r * r;
    arc[i] = r * c;
    dc[i] = c * c;
  }
  const acc = dc;
  const scratch = { temp: dr };
  for (const element of [arr, arc, acc]) {
    const plane = { width, height, data: element };
    if (blockSize > 0) boxSum(plane, blockSize, scratch.temp);
    else gaussianFilter(plane, sigma, 'constant', element, [0, 0], scratch);
  }
  return { width, height, arr, arc, acc, sigma, blockSize };
}

/**
 * OpenCV's unnormalised `boxFilter` of side n in place, anchored at n / 2 (rounded down), with
 * mirrored borders: a correlation with n ones (and, for even n, a zero last tap).
 */
function boxSum(plane: Plane, n: number, temp: Float64Array): void {
  const radius = Math.floor(n / 2);
  const weights = new Float64Array(2 * radius + 1);
  weights.fill(1, 0, n);
  const kernel: Kernel1d = { radius, weights };
  const { width, height, data } = plane;
  correlateColumns(data, temp, width, height, kernel, 'mirror');
  correlateRows(temp, data, width, height, kernel, 'mirror');
}
