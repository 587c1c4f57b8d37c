/**
 * The i-vector model file: a NumPy `.npz` archive (stored ZIP) that `numpy.load` opens, with
 *
 * | member | shape | content |
 * | --- | --- | --- |
 * | `model.json` | | `{"format": "deuro-ivector-model", "version": 1, "features": {...}}`: the front-end options |
 * | `ubm_weights.npy` | (C,) `<f8` | mixture weights |
 * | `ubm_means.npy` | (C, D) `<f8` | means |
 * | `ubm_variances.npy` | (C, D) `<f8` | diagonal covariances |
 * | `tv.npy` | (C D, R) `<f8` | T, row c D + d for feature d of component c |
 * | `backend_mean.npy` | (R,) `<f8` | training i-vector mean (optional, with the next two) |
 * | `backend_lda.npy` | (R, k) `<f8` | LDA directions as columns |
 * | `backend_wccn.npy` | (k, k) `<f8` | WCCN factor B (applied as B^T) |
 *
 * The same bytes come out for the same model. i-vectors themselves are stored as a feature-set
 * file of the audio library: a 2-D `.npy` (N, R) of `<f4`, one i-vector per row.
 */

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import { newFeatureMatrix, readNpy, writeNpy } from '../../features/audio/index.js';

import { newCosineBackend, type CosineBackend } from './cosine-backend.js';
import { newDiagonalGmm } from './diagonal-gmm.js';
import { checkDimension, IvectorError, IvectorErrorCode, isIvectorError } from './errors.js';
import { newIvectorModel, type IvectorModel } from './ivector-model.js';
import { readNpyFloat64, writeNpyFloat64, type NdArray } from './npy-float64.js';
import { readNpz, writeNpz } from './npz-archive.js';
import { newTotalVariability } from './total-variability.js';

/** The `format` of `model.json`. */
export const IVECTOR_MODEL_FORMAT = 'deuro-ivector-model';
/** The `version` of `model.json` this code writes and reads. */
export const IVECTOR_MODEL_VERSION = 1;

/** The archive members of a model: `model.json` and its arrays. */
function modelMembers(model: IvectorModel): Map<string, Uint8Array> {
  const { ubm, tv, backend } = model;
  const c = ubm.componentCount;
  const d = ubm.dimension;
  const description = {
    format: IVECTOR_MODEL_FORMAT,
    version: IVECTOR_MODEL_VERSION,
    features: model.features,
  };
  const members = new Map<string, Uint8Array>([
    ['model.json', describe(description)],
    ['ubm_weights.npy', writeNpyFloat64(ubm.weights, [c])],
    ['ubm_means.npy', writeNpyFloat64(ubm.means, [c, d])],
    ['ubm_variances.npy', writeNpyFloat64(ubm.variances, [c, d])],
    ['tv.npy', writeNpyFloat64(tv.matrix, [c * d, tv.rank])],
  ]);
  if (backend !== undefined) addBackend(members, backend);
  return members;
}

function describe(description: Record<string, unknown>): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(description, null, 2) + '\n');
}

/** Encodes a model as `.npz` bytes. */
export function writeIvectorModel(model: IvectorModel): Uint8Array {
  return writeNpz(modelMembers(model));
}

function addBackend(members: Map<string, Uint8Array>, backend: CosineBackend): void {
  const r = backend.inputDimension;
  const k = backend.outputDimension;
  members.set('backend_mean.npy', writeNpyFloat64(backend.mean, [r]));
  members.set('backend_lda.npy', writeNpyFloat64(backend.lda, [r, k]));
  members.set('backend_wccn.npy', writeNpyFloat64(backend.wccn, [k, k]));
}

/**
 * Decodes a model written by {@link writeIvectorModel}.
 * @throws IvectorError `DEURO_IVECTOR_MALFORMED_MODEL` naming the member that is missing or
 *   wrong.
 */
export function readIvectorModel(bytes: Uint8Array): IvectorModel {
  const members = readNpz(bytes);
  const description = readDescription(members, undefined);
  return modelFromMembers(members, description.features);
}

/** A model as its two ledger assets: the UBM, and T (with the back end) trained on it. */
export interface IvectorModelParts {
  /** `model.json` (part `ubm`, the front-end options) and the three `ubm_*.npy`. */
  readonly ubm: Uint8Array;
  /** `model.json` (part `total-variability`, the UBM file's SHA-256), `tv.npy`, `backend_*`. */
  readonly totalVariability: Uint8Array;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Splits a model into its UBM and its T file, so each is an asset of its own; the T file names
 * the UBM file's SHA-256, so T is never used with another UBM than the one it was trained on.
 */
export function splitIvectorModel(model: IvectorModel): IvectorModelParts {
  const whole = modelMembers(model);
  const part = (
    description: Record<string, unknown>,
    names: (name: string) => boolean,
  ): Uint8Array => {
    const members = new Map([['model.json', describe(description)]]);
    for (const [name, value] of whole) if (names(name)) members.set(name, value);
    return writeNpz(members);
  };
  const header = { format: IVECTOR_MODEL_FORMAT, version: IVECTOR_MODEL_VERSION };
  const ubm = part({ ...header, part: 'ubm', features: model.features }, (name) =>
    name.startsWith('ubm_'),
  );
  const totalVariability = part(
    { ...header, part: 'total-variability', ubmSha256: sha256Hex(ubm) },
    (name) => name === 'tv.npy' || name.startsWith('backend_'),
  );
  return { ubm, totalVariability };
}

/**
 * Joins the two files of {@link splitIvectorModel} into a model.
 * @throws IvectorError `DEURO_IVECTOR_MALFORMED_MODEL` when a file is not the part it should be,
 *   a member is missing or wrong, or T was trained on another UBM.
 */
export function joinIvectorModel(ubmBytes: Uint8Array, tvBytes: Uint8Array): IvectorModel {
  const ubm = readNpz(ubmBytes);
  const tv = readNpz(tvBytes);
  const ubmDescription = readDescription(ubm, 'ubm');
  const tvDescription = readDescription(tv, 'total-variability');
  if (tvDescription.ubmSha256 !== sha256Hex(ubmBytes)) {
    throw new IvectorError(
      IvectorErrorCode.malformedModel,
      'this T was trained on another UBM (its model.json names a different UBM SHA-256)',
      { field: 'model.json' },
    );
  }
  const members = new Map([...ubm, ...tv]);
  return modelFromMembers(members, ubmDescription.features);
}

function modelFromMembers(
  members: Map<string, Uint8Array>,
  features: Record<string, never>,
): IvectorModel {
  const weights = array(members, 'ubm_weights.npy', 1);
  const means = array(members, 'ubm_means.npy', 2);
  const variances = array(members, 'ubm_variances.npy', 2);
  const tv = array(members, 'tv.npy', 2);
  try {
    const ubm = newDiagonalGmm(weights.data, means.data, variances.data);
    const rank = tv.shape[1] ?? 0;
    checkDimension(tv.shape[0] ?? 0, ubm.componentCount * ubm.dimension, 'tv.npy rows');
    const matrix = newTotalVariability(ubm.componentCount, ubm.dimension, rank, tv.data);
    const backend = members.has('backend_mean.npy')
      ? newCosineBackend(
          array(members, 'backend_mean.npy', 1).data,
          array(members, 'backend_lda.npy', 2).data,
          array(members, 'backend_wccn.npy', 2).data,
        )
      : undefined;
    return newIvectorModel({
      features,
      ubm,
      tv: matrix,
      ...(backend === undefined ? {} : { backend }),
    });
  } catch (error) {
    if (isIvectorError(error) && error.code !== IvectorErrorCode.malformedModel) {
      throw new IvectorError(
        IvectorErrorCode.malformedModel,
        `inconsistent model: ${error.detail}`,
        error.details,
        error,
      );
    }
    throw error;
  }
}

interface ModelDescription {
  features: Record<string, never>;
  ubmSha256?: unknown;
}

type ModelPart = 'ubm' | 'total-variability';

function readDescription(
  members: Map<string, Uint8Array>,
  part: ModelPart | undefined,
): ModelDescription {
  const bytes = members.get('model.json');
  if (bytes === undefined) throw missing('model.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new IvectorError(
      IvectorErrorCode.malformedModel,
      'model.json is not JSON',
      { field: 'model.json' },
      error,
    );
  }
  const description = parsed as {
    format?: unknown;
    version?: unknown;
    features?: unknown;
    part?: unknown;
    ubmSha256?: unknown;
  };
  if (
    description.format !== IVECTOR_MODEL_FORMAT ||
    description.version !== IVECTOR_MODEL_VERSION
  ) {
    throw new IvectorError(
      IvectorErrorCode.malformedModel,
      `model.json is not ${IVECTOR_MODEL_FORMAT} version ${String(IVECTOR_MODEL_VERSION)}`,
      { field: 'model.json' },
    );
  }
  if (description.part !== part) {
    throw new IvectorError(
      IvectorErrorCode.malformedModel,
      `model.json describes ${partName(description.part)}, expected ${partName(part)}`,
      { field: 'model.json' },
    );
  }
  const features =
    typeof description.features === 'object' && description.features !== null
      ? description.features
      : {};
  return { features: features as Record<string, never>, ubmSha256: description.ubmSha256 };
}

function partName(part: unknown): string {
  return typeof part === 'string' ? `the ${part} part of a model` : 'a whole model';
}

function array(members: Map<string, Uint8Array>, name: string, rank: number): NdArray {
  const bytes = members.get(name);
  if (bytes === undefined) throw missing(name);
  const value = readNpyFloat64(bytes, name);
  if (value.shape.length !== rank) {
    throw new IvectorError(
      IvectorErrorCode.malformedModel,
      `${name} has rank ${String(value.shape.length)}, expected ${String(rank)}`,
      { field: name },
    );
  }
  return value;
}

function missing(name: string): IvectorError {
  return new IvectorError(IvectorErrorCode.malformedModel, `the archive has no ${name}`, {
    field: name,
  });
}

/**
 * Reads a model file written by {@link writeIvectorModel} (for example by
 * `bench/ivector/run.ts --evaluate --model-out PATH`).
 * @throws IvectorError `DEURO_IVECTOR_MODEL_MISSING` when the file cannot be read,
 *   `DEURO_IVECTOR_MALFORMED_MODEL` when it is not a model.
 */
export async function loadIvectorModel(path: string): Promise<IvectorModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new IvectorError(
      IvectorErrorCode.modelMissing,
      `cannot read the i-vector model ${path}`,
      { field: path },
      error,
    );
  }
  return readIvectorModel(bytes);
}

/**
 * i-vectors as a feature-set file: a `.npy` (N, R) `<f4` matrix, one i-vector per row.
 * @throws IvectorError `DEURO_IVECTOR_DIMENSION_MISMATCH` when the vectors differ in length.
 */
export function writeIvectors(ivectors: readonly Float64Array[]): Uint8Array {
  const r = ivectors[0]?.length ?? 1;
  const data = new Float32Array(ivectors.length * r);
  ivectors.forEach((w, i) => {
    checkDimension(w.length, r, `ivectors[${String(i)}]`);
    data.set(w, i * r);
  });
  return writeNpy(newFeatureMatrix(data, r));
}

/**
 * The i-vectors of a feature-set file written by {@link writeIvectors}.
 * @throws AudioError from the audio library's `readNpy` for a malformed file.
 */
export function readIvectors(bytes: Uint8Array): Float64Array[] {
  const m = readNpy(bytes);
  return Array.from({ length: m.frameCount }, (_, i) =>
    Float64Array.from(m.data.subarray(i * m.dimension, (i + 1) * m.dimension)),
  );
}
