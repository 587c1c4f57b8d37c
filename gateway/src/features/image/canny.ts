/*
 * The Canny edge detector as scikit-image 0.19's `feature.canny(image, sigma, low, high)` on a
 * float image:
 *
 * 1. Gaussian smoothing with zero padding, divided by the same smoothing of an all-ones image
 *    (so intensities do not sag towards the border), as its `_preprocess` without a mask;
 * 2. Sobel derivatives with reflected borders; magnitude sqrt(gx^2 + gy^2);
 * 3. non-maximum suppression with interpolation between neighbours (canny-nms.ts), the
 *    one-pixel image border excluded;
 * 4. hysteresis with 8-connectivity; a candidate at exactly a threshold counts as above it.
 *
 * Thresholds are on the gradient magnitude of the [0, 1] image with the unnormalised Sobel (a
 * unit step edge scores about 4 before smoothing).
 */
import { checkGrayImage, type GrayImage } from './gray-image.js';
import { cannyLocalMaxima, type Gradients } from './canny-nms.js';
import { correlateColumns, correlateRows } from './correlate.js';
import { gaussianFilter, newScratch, type Plane, type Scratch } from './gaussian-filter.js';
import { gaussianKernel } from './gaussian-kernel.js';
import { hysteresis } from './hysteresis.js';
import { resolveCannyOptions, type CannyOptions } from './parameters.js';
import { sobel } from './sobel.js';

/** Edge pixels of an image. */
export interface EdgeMap {
  readonly width: number;
  readonly height: number;
  /** 1 for an edge pixel, 0 elsewhere; row-major. */
  readonly edges: Uint8Array;
  /** Number of edge pixels. */
  readonly count: number;
}

/**
 * Canny edges of `image`.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` naming the invalid option or `image`.
 */
export function cannyEdges(image: GrayImage, options: CannyOptions = {}): EdgeMap {
  checkGrayImage(image);
  const p = resolveCannyOptions(options);
  const scratch = newScratch(image.width, image.height);
  const gradients = sobelGradients(cannySmooth(image, p.sigma, scratch), scratch.temp);
  const maxima = cannyLocalMaxima(gradients);
  const edges = hysteresis(maxima, gradients.magnitude, image.width, {
    low: p.lowThreshold,
    high: p.highThreshold,
  });
  let count = 0;
  for (const edge of edges) count += edge;
  return { width: image.width, height: image.height, edges, count };
}

/** Gaussian smoothing with zero padding, normalised by the smoothed all-ones image. */
export function cannySmooth(
  image: Plane,
  sigma: number,
  scratch: Scratch = newScratch(image.width, image.height),
): Plane {
  const { width, height } = image;
  const smoothed = gaussianFilter(image, sigma, 'constant', undefined, [0, 0], scratch);
  const bleed = borderWeights(width, height, sigma);
  for (let y = 0; y < height; y++) {
    const row = bleed.rows[y] ?? 0;
    const weights = bleed.lines[row];
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      smoothed[i] = (smoothed[i] ?? 0) / ((weights?.[x] ?? 1) + Number.EPSILON);
    }
  }
  return { width, height, data: smoothed };
}

/**
 * The zero-padded Gaussian smoothing of an all-ones image, computed as scipy computes it but
 * only once per distinct row: after the column pass every row is a constant, and rows with
 * the same constant give the same line.
 */
function borderWeights(
  width: number,
  height: number,
  sigma: number,
): { rows: Int32Array; lines: Float64Array[] } {
  const kernel = gaussianKernel(sigma, 0);
  const columnOfOnes = new Float64Array(height).fill(1);
  const column = new Float64Array(height);
  correlateColumns(columnOfOnes, column, 1, height, kernel, 'constant');
  const rows = new Int32Array(height);
  const lines: Float64Array[] = [];
  const byValue = new Map<number, number>();
  for (let y = 0; y < height; y++) {
    const value = column[y] ?? 0;
    let index = byValue.get(value);
    if (index === undefined) {
      index = lines.length;
      byValue.set(value, index);
      const line = new Float64Array(width).fill(value);
      correlateRows(line, line, width, 1, kernel, 'constant');
      lines.push(line);
    }
    rows[y] = index;
  }
  return { rows, lines };
}

/**
 * Sobel derivatives with reflected borders and their Euclidean norm. To spare allocating
 * planes (each costs as much as a filter pass on a large image), `gy` is written into `spare`
 * and the magnitude over the smoothed plane, which is not needed after the derivatives.
 */
export function sobelGradients(
  smoothed: Plane,
  spare: Float64Array = new Float64Array(smoothed.data.length),
): Gradients {
  const { gy, gx } = sobel(smoothed, 'reflect', { gy: spare, gx: new Float64Array(spare.length) });
  const magnitude = smoothed.data;
  for (let i = 0; i < magnitude.length; i++) {
    const a = gy[i] as number;
    const b = gx[i] as number;
    magnitude[i] = Math.sqrt(a * a + b * b);
  }
  return { width: smoothed.width, height: smoothed.height, gy, gx, magnitude };
}
