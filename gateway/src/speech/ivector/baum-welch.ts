/**
 * Baum-Welch statistics of a recording against the UBM: the zeroth order N_c = sum_t gamma_t(c)
 * and the first order, centred on the UBM means, F~_c = sum_t gamma_t(c) (x_t - mu_c), with
 * gamma_t(c) the posterior of component c for frame t. They summarise a recording of any length
 * in C + C D numbers and are all the total-variability model needs.
 */

import { forEachFrameBlock, newGmmScorer, type DiagonalGmm } from './diagonal-gmm.js';
import { checkDimension } from './errors.js';
import type { Frames } from './frames.js';

/** Zeroth and centred first order statistics of one recording. */
export interface BaumWelchStatistics {
  /** N_c, `componentCount` values. */
  readonly zeroOrder: Float64Array;
  /** F~_c = F_c - N_c mu_c, `componentCount * dimension` values. */
  readonly firstOrder: Float64Array;
  /** Frames summarised. */
  readonly frameCount: number;
}

/**
 * The statistics of `frames` against `ubm`.
 * @throws IvectorError `DEURO_IVECTOR_DIMENSION_MISMATCH` when the frames do not fit the UBM.
 */
export function baumWelchStatistics(ubm: DiagonalGmm, frames: Frames): BaumWelchStatistics {
  checkDimension(frames.dimension, ubm.dimension, 'frames.dimension');
  const { componentCount: k, dimension: d } = ubm;
  const zeroOrder = new Float64Array(k);
  const firstOrder = new Float64Array(k * d);
  const data = frames.data;
  forEachFrameBlock(newGmmScorer(ubm), frames, (start, count, densities, logLikelihoods) => {
    for (let i = 0; i < count; i += 1) {
      const offset = (start + i) * d;
      const logLikelihood = logLikelihoods[i] as number;
      for (let c = 0; c < k; c += 1) {
        const logPosterior = (densities[i * k + c] as number) - logLikelihood;
        if (logPosterior < LOG_POSTERIOR_FLOOR) continue;
        const gamma = Math.exp(logPosterior);
        zeroOrder[c] = (zeroOrder[c] as number) + gamma;
        const row = c * d;
        for (let j = 0; j < d; j += 1) {
          firstOrder[row + j] =
            (firstOrder[row + j] as number) + gamma * (data[offset + j] as number);
        }
      }
    }
  });
  for (let c = 0; c < k; c += 1) {
    const n = zeroOrder[c] as number;
    for (let j = 0; j < d; j += 1) {
      firstOrder[c * d + j] =
        (firstOrder[c * d + j] as number) - n * (ubm.means[c * d + j] as number);
    }
  }
  return { zeroOrder, firstOrder, frameCount: frames.frameCount };
}

/**
 * Posteriors below this are not accumulated: they change no statistic by more than 1e-10 of a
 * frame and skipping them saves most of the first-order work (a frame is dominated by few
 * components).
 */
const LOG_POSTERIOR_FLOOR = Math.log(1e-10);
