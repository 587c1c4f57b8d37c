/**
 * Variance flooring: no Gaussian variance may fall below a fraction of the global (all-frames)
 * variance of its dimension, which keeps a component that collapsed onto a few frames from
 * dominating the likelihood. Kaldi and HTK floor the same way (HTK's `-v`, Kaldi's
 * `--min-variance` relative form).
 */

import type { Frames } from './frames.js';

/** The variance of each dimension over all frames. */
export function globalVariances(frames: Frames): Float64Array {
  const d = frames.dimension;
  const sums = new Float64Array(d);
  const squares = new Float64Array(d);
  for (let t = 0; t < frames.frameCount; t += 1) {
    for (let j = 0; j < d; j += 1) {
      const x = frames.data[t * d + j] ?? 0;
      sums[j] = (sums[j] ?? 0) + x;
      squares[j] = (squares[j] ?? 0) + x * x;
    }
  }
  const n = Math.max(frames.frameCount, 1);
  return sums.map((sum, j) => Math.max((squares[j] ?? 0) / n - (sum / n) ** 2, 0));
}

/**
 * Raises every variance below `fraction * global[d]` to it, in place; returns how many were
 * raised.
 */
export function floorVariances(
  variances: Float64Array,
  global: Float64Array,
  fraction: number,
): number {
  const d = global.length;
  let raised = 0;
  for (let i = 0; i < variances.length; i += 1) {
    const floor = fraction * (global[i % d] ?? 0);
    if ((variances[i] ?? 0) < floor) {
      variances[i] = floor;
      raised += 1;
    }
  }
  return raised;
}
