/*
 * Blob detectors over scales, as scikit-image 0.19's `blob_log` and `blob_doh`:
 *
 * - LoG: the scale-normalised response -sigma^2 (Laplacian of Gaussian) with reflected borders
 *   (scipy's `gaussian_laplace`), bright blobs on a dark background;
 * - DoH: the box-filter Hessian determinant on the integral image (hessian-determinant.ts),
 *   bright and dark blobs alike;
 *
 * then the scale-space maxima above the threshold (scale-space-peaks.ts) and the pruning of
 * overlapping blobs (blob-pruning.ts). Positions are integer pixels; `sigma` is the scale of
 * the maximum (the blob's radius is about sigma sqrt(2)); the score is the response there.
 * The result is truncated to `maxBlobs`, strongest first.
 */
import { checkGrayImage, type GrayImage } from './gray-image.js';
import { gaussianLaplace, newScratch, type Plane } from './gaussian-filter.js';
import { hessianDeterminant, integralImage } from './hessian-determinant.js';
import {
  resolveDohOptions,
  resolveLogOptions,
  type BlobOptions,
  type BlobParameters,
} from './parameters.js';
import { pruneBlobs, type Blob } from './blob-pruning.js';
import { scaleSpacePeaks } from './scale-space-peaks.js';
import { sigmaList } from './sigma-list.js';

export type { Blob } from './blob-pruning.js';

/**
 * Laplacian-of-Gaussian blobs of `image`, strongest first.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the invalid option or `image`.
 */
export function logBlobs(image: GrayImage, options: BlobOptions = {}): Blob[] {
  checkGrayImage(image);
  const p = resolveLogOptions(options);
  const sigmas = sigmaList(p);
  const scratch = newScratch(image.width, image.height);
  return detect(image, p, sigmas, (sigma, out) => logResponse(image, sigma, scratch, out));
}

/** The scale-normalised LoG response -sigma^2 LoG(image) at one scale (bright blobs > 0). */
export function logResponse(
  image: Plane,
  sigma: number,
  scratch = newScratch(image.width, image.height),
  into: Float64Array = new Float64Array(image.data.length),
): Float64Array {
  const out = gaussianLaplace(image, sigma, 'reflect', into, scratch);
  const scale = sigma * sigma;
  for (let i = 0; i < out.length; i++) out[i] = -(out[i] ?? 0) * scale;
  return out;
}

/**
 * Determinant-of-Hessian blobs of `image`, strongest first.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the invalid option or `image`.
 */
export function dohBlobs(image: GrayImage, options: BlobOptions = {}): Blob[] {
  checkGrayImage(image);
  const p = resolveDohOptions(options);
  const sigmas = sigmaList(p);
  const sums = integralImage(image);
  return detect(image, p, sigmas, (sigma, out) =>
    hessianDeterminant(sums, image.width, image.height, sigma, out),
  );
}

/**
 * Streams the scales through the peak finder. Three planes are enough: when scale s + 1 is
 * computed only scales s - 1 and s are still read, so it reuses the plane of scale s - 2.
 */
function detect(
  image: GrayImage,
  p: BlobParameters,
  sigmas: readonly number[],
  response: (sigma: number, out: Float64Array) => Float64Array,
): Blob[] {
  const ring = [0, 1, 2].map(() => new Float64Array(image.data.length));
  const peaks = scaleSpacePeaks(
    image.width,
    image.height,
    sigmas.length,
    (s) => response(sigmas[s] ?? 0, ring[s % 3] as Float64Array),
    p.threshold,
  );
  const blobs = peaks.map(({ x, y, scale, score }) => ({ x, y, sigma: sigmas[scale] ?? 0, score }));
  return pruneBlobs(blobs, p.overlap).slice(0, p.maxBlobs);
}
