/**
 * The whole training recipe on labelled recordings: UBM by EM on all their frames, Baum-Welch
 * statistics of each recording, T by EM on the statistics, the i-vectors of the training
 * recordings, and LDA + WCCN on those i-vectors with their speaker labels.
 */

import { baumWelchStatistics } from './baum-welch.js';
import { trainCosineBackend, type CosineBackendOptions } from './cosine-backend.js';
import { IvectorError, IvectorErrorCode } from './errors.js';
import { concatenateFrames, type Frames } from './frames.js';
import { newIvectorExtractor, newIvectorModel, type IvectorModel } from './ivector-model.js';
import { resolveSpeakerFeatureOptions, type SpeakerFeatureOptions } from './speaker-features.js';
import {
  trainTotalVariability,
  type TotalVariabilityTrainingOptions,
} from './total-variability-training.js';
import { trainUbm, type UbmTrainingOptions } from './ubm-training.js';

/** A training recording: its speaker-feature frames and its speaker's label. */
export interface TrainingRecording {
  readonly frames: Frames;
  readonly speaker: string;
}

/** Options of {@link trainIvectorModel}: one group per stage. */
export interface IvectorTrainingOptions {
  /** The front-end options the frames were computed with (stored in the model). */
  features?: SpeakerFeatureOptions;
  ubm?: UbmTrainingOptions;
  tv?: TotalVariabilityTrainingOptions;
  backend?: CosineBackendOptions;
}

/** What {@link trainIvectorModel} returns. */
export interface IvectorTrainingResult {
  model: IvectorModel;
  /** The UBM's average log likelihood per frame at each EM iteration. */
  ubmLogLikelihoods: number[];
  /** The T objective at each EM iteration. */
  tvObjectives: number[];
  /** The i-vectors of the training recordings, in order. */
  ivectors: Float64Array[];
}

/**
 * Trains UBM, T, LDA and WCCN on `recordings`.
 * @throws IvectorError `DEURO_IVECTOR_NOT_ENOUGH_DATA` without recordings or with too few
 *   speakers, `DEURO_IVECTOR_INVALID_PARAMETER` naming a bad option.
 */
export function trainIvectorModel(
  recordings: readonly TrainingRecording[],
  options: IvectorTrainingOptions = {},
): IvectorTrainingResult {
  if (recordings.length === 0) {
    throw new IvectorError(IvectorErrorCode.notEnoughData, 'no training recordings', {
      field: 'recordings',
    });
  }
  const features = resolveSpeakerFeatureOptions(options.features);
  const ubmResult = trainUbm(concatenateFrames(recordings.map((r) => r.frames)), options.ubm);
  const statistics = recordings.map((r) => baumWelchStatistics(ubmResult.ubm, r.frames));
  const tvResult = trainTotalVariability(ubmResult.ubm, statistics, options.tv);
  const withoutBackend = newIvectorModel({ features, ubm: ubmResult.ubm, tv: tvResult.tv });
  const extractor = newIvectorExtractor(withoutBackend);
  const ivectors = statistics.map((s) => extractor.extractFromStatistics(s));
  const backend = trainCosineBackend(
    ivectors,
    recordings.map((r) => r.speaker),
    options.backend,
  );
  return {
    model: newIvectorModel({ features, ubm: ubmResult.ubm, tv: tvResult.tv, backend }),
    ubmLogLikelihoods: ubmResult.logLikelihoods,
    tvObjectives: tvResult.objectives,
    ivectors,
  };
}
