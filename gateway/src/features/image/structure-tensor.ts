/*
 * The structure tensor as scikit-image 0.19's `feature.structure_tensor(image, sigma,
 * order='rc')`: Sobel derivatives with zero padding (`mode='constant'`), their products
 * smoothed by a Gaussian of standard deviation sigma, also with zero padding. This is the
 * Gaussian-windowed tensor of Harris and Stephens; OpenCV's cornerHarris uses a box window and
 * scaled derivatives instead.
 */
import { gaussianFilter, type Plane } from './gaussian-filter.js';
import { sobel } from './sobel.js';

/** The three distinct elements of the 2 x 2 tensor at every pixel (r: rows axis, c: columns). */
export interface StructureTensor {
  readonly width: number;
  readonly height: number;
  /** Smoothed (d/dr)^2. */
  readonly arr: Float64Array;
  /** Smoothed (d/dr)(d/dc). */
  readonly arc: Float64Array;
  /** Smoothed (d/dc)^2. */
  readonly acc: Float64Array;
  /** The window's standard deviation. */
  readonly sigma: number;
}

/** The structure tensor of `image` with a Gaussian window of standard deviation `sigma`. */
export function structureTensor(image: Plane, sigma: number): StructureTensor {
  const { width, height } = image;
  const { gy: dr, gx: dc } = sobel(image, 'constant');
  const arr = new Float64Array(image.data.length);
  const arc = new Float64Array(image.data.length);
  for (let i = 0; i < arr.length; i++) {
    const r = dr[i] ?? 0;
    const c = dc[i] ?? 0;
    arr[i] = r * r;
    arc[i] = r * c;
    dc[i] = c * c;
  }
  const acc = dc;
  const scratch = { temp: dr };
  for (const element of [arr, arc, acc]) {
    gaussianFilter({ width, height, data: element }, sigma, 'constant', element, [0, 0], scratch);
  }
  return { width, height, arr, arc, acc, sigma };
}
