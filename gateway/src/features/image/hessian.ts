/*
 * Hessian eigenvalues as scikit-image 0.19's `filters.ridges.compute_hessian_eigenvalues`
 * (used by `sato`): the image smoothed by a Gaussian (mode given), then numpy's `gradient`
 * twice (central differences (f[i+1] - f[i-1]) / 2 inside, one-sided differences at the ends),
 * the elements scaled by sigma^2, and the larger eigenvalue of [[Hcc, Hrc], [Hrc, Hrr]]:
 *
 *   l1 = (Hcc + Hrr) / 2 + sqrt(4 Hrc^2 + (Hcc - Hrr)^2) / 2
 *
 * A one-pixel-wide axis has zero derivative along it (numpy refuses such an axis).
 */
import type { BorderMode } from './correlate.js';
import { gaussianFilter, type Plane, type Scratch } from './gaussian-filter.js';

/** Working planes for {@link largerHessianEigenvalue}, reused across scales. */
export interface HessianScratch extends Scratch {
  readonly smoothed: Float64Array;
  readonly gr: Float64Array;
  readonly gc: Float64Array;
}

/** Scratch for an image of `length` pixels. */
export function newHessianScratch(length: number): HessianScratch {
  return {
    temp: new Float64Array(length),
    smoothed: new Float64Array(length),
    gr: new Float64Array(length),
    gc: new Float64Array(length),
  };
}

/** Writes into `out` the larger eigenvalue of the sigma^2-scaled Hessian at every pixel. */
export function largerHessianEigenvalue(
  image: Plane,
  sigma: number,
  mode: BorderMode,
  scratch: HessianScratch,
  out: Float64Array,
): void {
  const { width, height } = image;
  const { temp, smoothed, gr, gc } = scratch;
  gaussianFilter(image, sigma, mode, smoothed, [0, 0], scratch);
  gradientDown(smoothed, gr, width, height);
  gradientAlong(smoothed, gc, width, height);
  const hcc = temp;
  const hrc = smoothed;
  const hrr = out;
  gradientAlong(gc, hcc, width, height);
  gradientDown(gc, hrc, width, height);
  gradientDown(gr, hrr, width, height);
  const s2 = sigma * sigma;
  for (let i = 0; i < out.length; i++) {
    const cc = s2 * (hcc[i] as number);
    const rc = s2 * (hrc[i] as number);
    const rr = s2 * (hrr[i] as number);
    const d = cc - rr;
    out[i] = (cc + rr) / 2 + Math.sqrt(4 * (rc * rc) + d * d) / 2;
  }
}

/** numpy.gradient along axis 0 (down the columns), edge order 1, unit spacing. */
function gradientDown(f: Float64Array, out: Float64Array, width: number, height: number): void {
  if (height === 1) {
    out.fill(0);
    return;
  }
  const last = (height - 1) * width;
  for (let x = 0; x < width; x++) {
    out[x] = (f[x + width] as number) - (f[x] as number);
    out[last + x] = (f[last + x] as number) - (f[last - width + x] as number);
  }
  for (let i = width; i < last; i++) {
    out[i] = ((f[i + width] as number) - (f[i - width] as number)) / 2;
  }
}

/** numpy.gradient along axis 1 (along the rows), edge order 1, unit spacing. */
function gradientAlong(f: Float64Array, out: Float64Array, width: number, height: number): void {
  if (width === 1) {
    out.fill(0);
    return;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const end = row + width - 1;
    out[row] = (f[row + 1] as number) - (f[row] as number);
    out[end] = (f[end] as number) - (f[end - 1] as number);
    for (let i = row + 1; i < end; i++) out[i] = ((f[i + 1] as number) - (f[i - 1] as number)) / 2;
  }
}
