/*
 * Harris and Shi-Tomasi corners as scikit-image 0.19's `corner_harris(image, method='k', k,
 * sigma)` and `corner_shi_tomasi(image, sigma)`, each followed by `corner_peaks` (peaks.ts):
 *
 *   Harris      det(A) - k trace(A)^2 = (Arr Acc - Arc^2) - k (Arr + Acc)^2
 *   Shi-Tomasi  the smaller eigenvalue ((Arr + Acc) - sqrt((Arr - Acc)^2 + 4 Arc^2)) / 2
 *
 * with A the Gaussian-windowed structure tensor (structure-tensor.ts), or with `blockSize` > 0
 * the box-windowed one of OpenCV's `cornerHarris` and `cornerMinEigenVal` (the same formulas
 * as OpenCV's calcHarris and calcMinEigenVal). Corners are integer pixel positions; the score
 * is the response there.
 */
import { checkGrayImage, type GrayImage } from './gray-image.js';
import type { Plane } from './gaussian-filter.js';
import {
  resolveHarrisOptions,
  resolveShiTomasiOptions,
  type HarrisOptions,
  type ShiTomasiOptions,
  type ShiTomasiParameters,
} from './parameters.js';
import { findPeaks, type Peak } from './peaks.js';
import { structureTensor, type StructureTensor } from './structure-tensor.js';

/** A corner: column `x`, row `y`, and the detector's response there. */
export type Corner = Peak;

/** The Harris response det(A) - k trace(A)^2 at every pixel. */
export function harrisResponse(tensor: StructureTensor, k: number): Plane {
  const { arr, arc, acc } = tensor;
  const data = new Float64Array(arr.length);
  for (let i = 0; i < data.length; i++) {
    const rr = arr[i] ?? 0;
    const rc = arc[i] ?? 0;
    const cc = acc[i] ?? 0;
    const trace = rr + cc;
    data[i] = rr * cc - rc * rc - k * (trace * trace);
  }
  return { width: tensor.width, height: tensor.height, data };
}

/** The Shi-Tomasi response, the smaller eigenvalue of A, at every pixel. */
export function shiTomasiResponse(tensor: StructureTensor): Plane {
  const { arr, arc, acc } = tensor;
  const data = new Float64Array(arr.length);
  for (let i = 0; i < data.length; i++) {
    const rr = arr[i] ?? 0;
    const rc = arc[i] ?? 0;
    const cc = acc[i] ?? 0;
    const difference = rr - cc;
    data[i] = (rr + cc - Math.sqrt(difference * difference + 4 * (rc * rc))) / 2;
  }
  return { width: tensor.width, height: tensor.height, data };
}

/**
 * Harris corners of `image`, strongest first. `tensor` may be passed when already computed
 * with the same window (sigma, blockSize).
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the invalid option or `image`.
 */
export function harrisCorners(
  image: GrayImage,
  options: HarrisOptions = {},
  tensor?: StructureTensor,
): Corner[] {
  checkGrayImage(image);
  const p = resolveHarrisOptions(options);
  const response = harrisResponse(tensorFor(image, p, tensor), p.k);
  return findPeaks(response, selection(p));
}

/**
 * Shi-Tomasi corners of `image`, strongest first. `tensor` may be passed when already computed
 * with the same window (sigma, blockSize).
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the invalid option or `image`.
 */
export function shiTomasiCorners(
  image: GrayImage,
  options: ShiTomasiOptions = {},
  tensor?: StructureTensor,
): Corner[] {
  checkGrayImage(image);
  const p = resolveShiTomasiOptions(options);
  const response = shiTomasiResponse(tensorFor(image, p, tensor));
  return findPeaks(response, selection(p));
}

function tensorFor(
  image: GrayImage,
  window: { readonly sigma: number; readonly blockSize: number },
  tensor?: StructureTensor,
): StructureTensor {
  const fits =
    tensor !== undefined &&
    tensorFits(tensor, window) &&
    tensor.width === image.width &&
    tensor.height === image.height;
  return fits ? tensor : structureTensor(image, window.sigma, window.blockSize);
}

/** Whether `tensor` was computed with this window (sigma matters only for the Gaussian one). */
export function tensorFits(
  tensor: StructureTensor,
  window: { readonly sigma: number; readonly blockSize: number },
): boolean {
  if (tensor.blockSize !== window.blockSize) return false;
  return window.blockSize > 0 || tensor.sigma === window.sigma;
}

function selection(p: ShiTomasiParameters): {
  minDistance: number;
  thresholdAbs: number;
  thresholdRel: number;
  maxPeaks: number;
} {
  return {
    minDistance: p.minDistance,
    thresholdAbs: p.thresholdAbs,
    thresholdRel: p.thresholdRel,
    maxPeaks: p.maxCorners,
  };
}
