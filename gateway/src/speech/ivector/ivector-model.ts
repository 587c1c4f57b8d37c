/**
 * An i-vector model: the front-end options it was trained with, the UBM, the total-variability
 * matrix and (optionally) the cosine back end, and the extraction of an i-vector from audio
 * with it. {@link newIvectorExtractor} does the recording-independent precomputation once, so
 * one extractor serves any number of recordings.
 */

import { baumWelchStatistics, type BaumWelchStatistics } from './baum-welch.js';
import type { CosineBackend } from './cosine-backend.js';
import type { DiagonalGmm } from './diagonal-gmm.js';
import { checkDimension } from './errors.js';
import type { Frames } from './frames.js';
import {
  resolveSpeakerFeatureOptions,
  speakerFeatures,
  type ResolvedSpeakerFeatureOptions,
} from './speaker-features.js';
import { prepareTotalVariability, type TotalVariability } from './total-variability.js';

/** Everything needed to extract and score i-vectors. */
export interface IvectorModel {
  /** The front end the model was trained with. */
  readonly features: ResolvedSpeakerFeatureOptions;
  readonly ubm: DiagonalGmm;
  readonly tv: TotalVariability;
  /** LDA + WCCN; absent for a model without a trained back end (plain cosine). */
  readonly backend?: CosineBackend;
}

/** Extracts i-vectors with one model. */
export interface IvectorExtractor {
  readonly model: IvectorModel;
  /** The i-vector of a recording (mono samples in [-1, 1) at `sampleRate`, default 16000). */
  extract(samples: ArrayLike<number>, sampleRate?: number): Float64Array;
  /** The i-vector of speaker-feature frames. */
  extractFromFrames(frames: Frames): Float64Array;
  /** The i-vector of Baum-Welch statistics. */
  extractFromStatistics(statistics: BaumWelchStatistics): Float64Array;
}

/**
 * Checks that the parts of a model fit together.
 * @throws IvectorError `DEURO_IVECTOR_DIMENSION_MISMATCH` when they do not.
 */
export function newIvectorModel(parts: {
  features?: Partial<ResolvedSpeakerFeatureOptions>;
  ubm: DiagonalGmm;
  tv: TotalVariability;
  backend?: CosineBackend;
}): IvectorModel {
  checkDimension(parts.tv.componentCount, parts.ubm.componentCount, 'tv.componentCount');
  checkDimension(parts.tv.dimension, parts.ubm.dimension, 'tv.dimension');
  if (parts.backend !== undefined) {
    checkDimension(parts.backend.inputDimension, parts.tv.rank, 'backend.inputDimension');
  }
  const features = resolveSpeakerFeatureOptions(parts.features);
  return {
    features,
    ubm: parts.ubm,
    tv: parts.tv,
    ...(parts.backend === undefined ? {} : { backend: parts.backend }),
  };
}

/**
 * An extractor for `model` (precomputes T_c^T Sigma_c^-1 T_c for every component).
 * @throws IvectorError `DEURO_IVECTOR_DIMENSION_MISMATCH` when the model's parts do not fit.
 */
export function newIvectorExtractor(model: IvectorModel): IvectorExtractor {
  const prepared = prepareTotalVariability(model.ubm, model.tv);
  const fromStatistics = (statistics: BaumWelchStatistics): Float64Array =>
    prepared.posterior(statistics).mean;
  const fromFrames = (frames: Frames): Float64Array =>
    fromStatistics(baumWelchStatistics(model.ubm, frames));
  return {
    model,
    extract: (samples, sampleRate = 16000) =>
      fromFrames(speakerFeatures(samples, sampleRate, model.features)),
    extractFromFrames: fromFrames,
    extractFromStatistics: fromStatistics,
  };
}

const extractors = new WeakMap<IvectorModel, IvectorExtractor>();

/**
 * The i-vector of a recording under `model` (the extractor is built on first use and cached per
 * model object).
 * @param samples - Mono samples in [-1, 1).
 * @param sampleRate - Their rate (default 16000; others are resampled).
 * @throws IvectorError `DEURO_IVECTOR_NOT_ENOUGH_DATA` when the recording has no speech frame.
 */
export function extractIvector(
  model: IvectorModel,
  samples: ArrayLike<number>,
  sampleRate = 16000,
): Float64Array {
  let extractor = extractors.get(model);
  if (extractor === undefined) {
    extractor = newIvectorExtractor(model);
    extractors.set(model, extractor);
  }
  return extractor.extract(samples, sampleRate);
}
