/*
 * Ridges (lines and tubes) by the Sato measure over scales, as scikit-image 0.19's
 * `filters.sato(image, sigmas, black_ridges, mode='reflect')` in 2-D: at each scale the larger
 * eigenvalue l1 of the sigma^2-scaled Hessian (hessian.ts) where it is positive, else 0; the
 * response is the maximum over scales. Dark ridges on a bright background have a positive
 * second derivative across them; for bright ridges the image is inverted first (1 - I).
 *
 * Besides the response, the result gives the scale that won at each pixel and the ridge mask:
 * pixels whose response is positive and at least the threshold.
 */
import { checkGrayImage, type GrayImage } from './gray-image.js';
import { largerHessianEigenvalue, newHessianScratch } from './hessian.js';
import { resolveRidgeOptions, type RidgeOptions } from './parameters.js';
import { linspace } from './sigma-list.js';

/** The ridge measure of an image. */
export interface RidgeMap {
  readonly width: number;
  readonly height: number;
  /** The scales, linearly spaced from minSigma to maxSigma. */
  readonly sigmas: readonly number[];
  /** The Sato response (>= 0) at every pixel. */
  readonly response: Float64Array;
  /** Index into `sigmas` of the first scale reaching the response (0 where it is 0). */
  readonly scale: Uint8Array;
  /** 1 where the response is positive and at least the threshold. */
  readonly mask: Uint8Array;
  /** Number of ridge pixels in `mask`. */
  readonly count: number;
}

/**
 * The Sato ridge response of `image` over scales, with the ridge mask.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the invalid option or `image`.
 */
export function ridges(image: GrayImage, options: RidgeOptions = {}): RidgeMap {
  checkGrayImage(image);
  const p = resolveRidgeOptions(options);
  const sigmas = linspace(p.minSigma, p.maxSigma, p.numSigma);
  const source = p.blackRidges ? image : invert(image);
  const response = new Float64Array(image.data.length);
  const scale = new Uint8Array(image.data.length);
  const scratch = newHessianScratch(image.data.length);
  const eigenvalues = new Float64Array(image.data.length);
  sigmas.forEach((sigma, s) => {
    largerHessianEigenvalue(source, sigma, 'reflect', scratch, eigenvalues);
    for (let i = 0; i < eigenvalues.length; i++) {
      const l1 = eigenvalues[i] as number;
      if (l1 > (response[i] as number)) {
        response[i] = l1;
        scale[i] = s;
      }
    }
  });
  const mask = new Uint8Array(image.data.length);
  let count = 0;
  for (let i = 0; i < response.length; i++) {
    const r = response[i] ?? 0;
    if (r > 0 && r >= p.threshold) {
      mask[i] = 1;
      count++;
    }
  }
  return { width: image.width, height: image.height, sigmas, response, scale, mask, count };
}

function invert(image: GrayImage): GrayImage {
  const data = new Float64Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 1 - (image.data[i] ?? 0);
  return { width: image.width, height: image.height, data };
}
