/**
 * i-vectors as registered feature sets: what `deuro ivector extract` uploads (one i-vector in the
 * scoring space, a 1 x k `<f4` `.npy`, with metadata naming the model it came from and the hashes
 * of the recording and of the vector), and the checks that `POST /v1/ivectors/score` runs before
 * it compares two of them: each is an i-vector feature set, the bytes sent are the ones the
 * ledger records, and both come from the same model.
 *
 * The vector is stored after the model's back end (centred, LDA, WCCN), so two of them score by
 * their plain cosine, exactly as the back end scores the raw i-vectors.
 */

import { createHash } from 'node:crypto';

import { decodeWav } from '../../features/audio/index.js';

import { cosine, projectIvector } from './cosine-backend.js';
import { checkDimension, IvectorError, IvectorErrorCode } from './errors.js';
import type { IvectorExtractor } from './ivector-model.js';
import { readIvectors, writeIvectors } from './model-format.js';

/** The `extractor` metadata value of an i-vector feature set. */
export const IVECTOR_EXTRACTOR_NAME = 'deuro-ivector';
/** Its `extractor-version`. */
export const IVECTOR_EXTRACTOR_VERSION = '1';

/** The model asset an i-vector is extracted with: the T asset's id and its file's SHA-256. */
export interface IvectorModelReference {
  readonly id: string;
  readonly sha256: string;
}

/** An i-vector feature set to register: the `.npy` bytes and the asset metadata. */
export interface IvectorFeatureSet {
  readonly bytes: Uint8Array;
  readonly metadata: Readonly<Record<string, string>>;
}

/** The registered facts about an asset that the scoring checks need. */
export interface RegisteredAsset {
  readonly id: string;
  readonly kind: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** A registered i-vector, checked. */
export interface RegisteredIvector {
  readonly id: string;
  readonly vector: Float64Array;
  /** The T asset it was extracted with. */
  readonly model: string;
  readonly modelSha256: string;
}

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The i-vector feature set of a WAV recording.
 * @throws AudioError for a WAV file that cannot be decoded; IvectorError
 *   `DEURO_IVECTOR_NOT_ENOUGH_DATA` when it holds no speech.
 */
export function ivectorFeatureSet(
  extractor: IvectorExtractor,
  model: IvectorModelReference,
  wav: Uint8Array,
): IvectorFeatureSet {
  const audio = decodeWav(wav);
  const ivector = extractor.extract(audio.samples, audio.sampleRate);
  const { backend } = extractor.model;
  const vector = backend === undefined ? ivector : projectIvector(backend, ivector);
  const bytes = writeIvectors([vector]);
  return {
    bytes,
    metadata: {
      extractor: IVECTOR_EXTRACTOR_NAME,
      'extractor-version': IVECTOR_EXTRACTOR_VERSION,
      model: model.id,
      'model-sha256': model.sha256,
      'ivector-space': backend === undefined ? 'raw' : 'lda-wccn',
      'input-sha256': sha256Hex(wav),
      'feature-sha256': sha256Hex(bytes),
      'feature-format': 'npy',
      shape: `1x${String(vector.length)}`,
      'source-kind': 'recording',
    },
  };
}

function notAnIvector(field: string, detail: string): IvectorError {
  return new IvectorError(IvectorErrorCode.notAnIvector, `${field}: ${detail}`, { field });
}

/**
 * The i-vector of a registered feature set, given the bytes its reader sent.
 * @param field - Which one of the request it is, for the errors (`a`, `b`).
 * @throws IvectorError `DEURO_IVECTOR_NOT_AN_IVECTOR` when the asset is not an i-vector feature
 *   set or the bytes are not one i-vector, `DEURO_IVECTOR_HASH_MISMATCH` when the bytes are not
 *   the ones registered.
 */
export function registeredIvector(
  asset: RegisteredAsset,
  bytes: Uint8Array,
  field: string,
): RegisteredIvector {
  const { metadata } = asset;
  const model = metadata.model;
  const modelSha256 = metadata['model-sha256'];
  if (
    asset.kind !== 'feature-set' ||
    metadata.extractor !== IVECTOR_EXTRACTOR_NAME ||
    model === undefined ||
    modelSha256 === undefined
  ) {
    throw notAnIvector(field, `asset ${asset.id} is not an i-vector feature set`);
  }
  if (sha256Hex(bytes) !== metadata['feature-sha256']) {
    throw new IvectorError(
      IvectorErrorCode.hashMismatch,
      `${field}: the i-vector sent is not the one registered as ${asset.id} (its SHA-256 differs from the ledger's feature-sha256)`,
      { field },
    );
  }
  let vectors: Float64Array[];
  try {
    vectors = readIvectors(bytes);
  } catch (error) {
    throw new IvectorError(
      IvectorErrorCode.notAnIvector,
      `${field}: asset ${asset.id} is not a .npy of i-vectors`,
      { field },
      error,
    );
  }
  const [vector] = vectors;
  if (vector === undefined || vectors.length !== 1) {
    throw notAnIvector(field, `asset ${asset.id} holds ${String(vectors.length)} i-vectors, not 1`);
  }
  return { id: asset.id, vector, model, modelSha256 };
}

/**
 * The cosine score of two registered i-vectors, in [-1, 1] (higher: more likely the same
 * speaker).
 * @throws IvectorError `DEURO_IVECTOR_MODEL_MISMATCH` when they come from different models,
 *   `DEURO_IVECTOR_DIMENSION_MISMATCH` when their lengths differ.
 */
export function scoreRegisteredIvectors(a: RegisteredIvector, b: RegisteredIvector): number {
  if (a.modelSha256 !== b.modelSha256) {
    throw new IvectorError(
      IvectorErrorCode.modelMismatch,
      `${a.id} was extracted with model ${a.model} and ${b.id} with ${b.model}: i-vectors of different models cannot be compared`,
      { field: 'b' },
    );
  }
  checkDimension(b.vector.length, a.vector.length, 'b');
  return cosine(a.vector, b.vector);
}
