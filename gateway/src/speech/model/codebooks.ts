/**
 * The model's Gaussians and mixture weights rearranged for scoring (see `ptm-scorer.ts`):
 * means and precisions 1 / (2 max(var, varfloor)) as float64, each Gaussian's log normaliser
 * sum_j -ln sqrt(2 pi var_j), and per codebook the linear mixture weights of its own senones,
 * `[stream][codeword][local senone]`, so one codeword's weights for all senones are adjacent.
 */

import { checkModel } from '../align/speech-error.js';
import type { GaussianParameters } from './gaussian-parameters.js';
import { LOG_WEIGHT_STEP, type MixtureWeights } from './mixture-weights.js';
import type { ModelDefinition } from './model-definition.js';

/** pocketsphinx's `-varfloor` default. */
export const VARIANCE_FLOOR = 1e-4;

/** Scoring tables of a PTM model. */
export interface Codebooks {
  readonly codebookCount: number;
  readonly streamCount: number;
  readonly densityCount: number;
  readonly senoneCount: number;
  readonly streamLengths: Int32Array;
  /** First feature index of each stream. */
  readonly streamOffsets: Int32Array;
  /** Start of codebook c, stream f's Gaussians in `means`/`precisions`, at `[c * streamCount + f]`. */
  readonly blockStart: Int32Array;
  readonly means: Float64Array;
  /** 1 / (2 var), variances floored. */
  readonly precisions: Float64Array;
  /** `[codebook][stream][density]`: sum_j -0.5 ln(2 pi var_j). */
  readonly logNormalizers: Float64Array;
  /** Codebook (base CI phone) of each senone. */
  readonly senoneCodebook: Int32Array;
  /** Index of each senone among its codebook's senones. */
  readonly senoneLocal: Int32Array;
  /** Senones per codebook. */
  readonly codebookSenoneCount: Int32Array;
  /** Per codebook, linear weights `[stream][codeword][local senone]`. */
  readonly weights: readonly Float64Array[];
  /** Variance values raised to the floor. */
  readonly flooredVariances: number;
}

function gaussianTables(
  means: GaussianParameters,
  variances: GaussianParameters,
  varianceFloor: number,
): Pick<Codebooks, 'means' | 'precisions' | 'logNormalizers' | 'flooredVariances'> {
  const precisions = new Float64Array(variances.values.length);
  const logNormalizers = new Float64Array(
    means.codebookCount * means.streamCount * means.densityCount,
  );
  let at = 0;
  let floored = 0;
  for (let block = 0; block < means.codebookCount; block++) {
    for (let f = 0; f < means.streamCount; f++) {
      const length = means.streamLengths[f] ?? 0;
      for (let g = 0; g < means.densityCount; g++) {
        let normalizer = 0;
        for (let j = 0; j < length; j++, at++) {
          let v = variances.values[at] ?? 0;
          if (v < varianceFloor) {
            v = varianceFloor;
            floored++;
          }
          normalizer -= 0.5 * Math.log(2 * Math.PI * v);
          precisions[at] = 1 / (2 * v);
        }
        logNormalizers[(block * means.streamCount + f) * means.densityCount + g] = normalizer;
      }
    }
  }
  return {
    means: Float64Array.from(means.values),
    precisions,
    logNormalizers,
    flooredVariances: floored,
  };
}

function senoneTables(
  definition: ModelDefinition,
  codebookCount: number,
): Pick<Codebooks, 'senoneCodebook' | 'senoneLocal' | 'codebookSenoneCount'> {
  const senoneCodebook = new Int32Array(definition.senoneCount);
  const senoneLocal = new Int32Array(definition.senoneCount);
  const codebookSenoneCount = new Int32Array(codebookCount);
  for (let s = 0; s < definition.senoneCount; s++) {
    const c = definition.senoneBase(s);
    checkModel(c >= 0 && c < codebookCount, 'mdef', `senone ${String(s)} has no base phone`);
    senoneCodebook[s] = c;
    senoneLocal[s] = codebookSenoneCount[c] ?? 0;
    codebookSenoneCount[c] = (codebookSenoneCount[c] ?? 0) + 1;
  }
  return { senoneCodebook, senoneLocal, codebookSenoneCount };
}

function weightTables(
  mixture: MixtureWeights,
  tables: Pick<Codebooks, 'senoneCodebook' | 'senoneLocal' | 'codebookSenoneCount'>,
): Float64Array[] {
  const { streamCount, densityCount, senoneCount, quantized } = mixture;
  const linear = Float64Array.from({ length: 256 }, (_, v) => Math.exp(-v * LOG_WEIGHT_STEP));
  const weights = Array.from(
    tables.codebookSenoneCount,
    (n) => new Float64Array(streamCount * densityCount * n),
  );
  for (let f = 0; f < streamCount; f++) {
    for (let g = 0; g < densityCount; g++) {
      const row = (f * densityCount + g) * senoneCount;
      for (let s = 0; s < senoneCount; s++) {
        const c = tables.senoneCodebook[s] ?? 0;
        const width = tables.codebookSenoneCount[c] ?? 0;
        const table = weights[c];
        if (table !== undefined) {
          table[(f * densityCount + g) * width + (tables.senoneLocal[s] ?? 0)] =
            linear[quantized[row + s] ?? 255] ?? 0;
        }
      }
    }
  }
  return weights;
}

function checkSameShape(means: GaussianParameters, variances: GaussianParameters): void {
  checkModel(
    variances.codebookCount === means.codebookCount &&
      variances.streamCount === means.streamCount &&
      variances.densityCount === means.densityCount &&
      variances.streamLengths.join() === means.streamLengths.join(),
    'variances',
    'shape differs from means',
  );
}

/**
 * Builds the scoring tables.
 *
 * @throws {SpeechError} `DEURO_SPEECH_MODEL_MALFORMED` when the files disagree (a codebook per CI
 *   phone, equal shapes of means and variances).
 */
export function buildCodebooks(
  definition: ModelDefinition,
  means: GaussianParameters,
  variances: GaussianParameters,
  mixture: MixtureWeights,
  varianceFloor = VARIANCE_FLOOR,
): Codebooks {
  const { codebookCount, streamCount, densityCount } = means;
  checkSameShape(means, variances);
  checkModel(
    codebookCount === definition.ciPhones.length,
    'means',
    `${String(codebookCount)} codebooks for ${String(definition.ciPhones.length)} CI phones: not a PTM model`,
  );
  const streamLengths = Int32Array.from(means.streamLengths);
  const streamOffsets = new Int32Array(streamCount);
  for (let f = 1; f < streamCount; f++)
    streamOffsets[f] = (streamOffsets[f - 1] ?? 0) + (streamLengths[f - 1] ?? 0);
  const width = streamLengths.reduce((a, b) => a + b, 0);
  const blockStart = new Int32Array(codebookCount * streamCount);
  for (let c = 0; c < codebookCount; c++)
    for (let f = 0; f < streamCount; f++)
      blockStart[c * streamCount + f] =
        c * densityCount * width + densityCount * (streamOffsets[f] ?? 0);
  const senones = senoneTables(definition, codebookCount);
  return {
    codebookCount,
    streamCount,
    densityCount,
    senoneCount: definition.senoneCount,
    streamLengths,
    streamOffsets,
    blockStart,
    ...gaussianTables(means, variances, varianceFloor),
    ...senones,
    weights: weightTables(mixture, senones),
  };
}
