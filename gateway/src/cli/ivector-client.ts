/*
 * Speaker verification from the client side (docs/speech.md, i-vectors). Training and extraction
 * run here, where the reader's private key is, because the gateway never holds one:
 *
 * - train: UBM, T, LDA and WCCN on labelled WAV files, registered as two `model` assets, the UBM
 *   (`<id>.ubm`) and T with the back end (`<id>`, whose parent is the UBM);
 * - extract: the two model assets are downloaded and decrypted here, the recording's i-vector is
 *   extracted and registered as a `feature-set` whose parents are the model;
 * - score: both i-vectors are downloaded and decrypted here and sent to `POST
 *   /v1/ivectors/score`, which checks them against the ledger's hashes and scores them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { decodeWav } from '../features/audio/index.js';
import {
  ivectorFeatureSet,
  joinIvectorModel,
  newIvectorExtractor,
  speakerFeatures,
  splitIvectorModel,
  trainIvectorModel,
  type IvectorModel,
  type TrainingRecording,
} from '../speech/ivector/index.js';
import { CliError, exitCodes } from './cli-error';
import type { GatewayClient } from './gateway-client';
import type { AssetSummary } from './program';
import { uploadBytes } from './asset-upload';
import { downloadDecryptedBytes } from './verified-download';

const NPZ = 'application/x-npz';
const UBM_TYPE = 'ivector-ubm';
const EXTRACTOR_TYPE = 'ivector-extractor';

/** One line of a training manifest: a speaker label and a WAV file. */
export interface ManifestEntry {
  readonly speaker: string;
  readonly file: string;
}

/** Who may read what is registered. */
export interface Readers {
  readonly readers?: readonly string[];
  readonly orgs?: readonly string[];
}

/** Where progress goes (stderr in the CLI). */
export type ProgressLog = (line: string) => void;

/**
 * Reads a manifest: one `speaker<whitespace>file.wav` per line, `#` comments and blank lines
 * ignored, files relative to the manifest's folder.
 * @throws CliError (usage) naming the line that is not of that form.
 */
export function readManifest(path: string): ManifestEntry[] {
  const folder = dirname(path);
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'))
    .map(({ line, number }) => {
      const match = /^(\S+)\s+(.+)$/.exec(line);
      if (match?.[1] === undefined || match[2] === undefined) {
        throw new CliError(
          `${path}:${String(number)}: expected "speaker file.wav", got "${line}"`,
          exitCodes.usage,
        );
      }
      return { speaker: match[1], file: resolve(folder, match[2]) };
    });
}

/** Options of {@link trainAndRegisterIvectorModel}. */
export interface IvectorTrainOptions extends Readers {
  /** The T asset's id; the UBM is `<id>.ubm`. */
  readonly id: string;
  readonly components?: number;
  readonly rank?: number;
  readonly ldaDimension?: number;
}

/** What training registered. */
export interface RegisteredIvectorModel {
  readonly ubm: AssetSummary;
  readonly extractor: AssetSummary;
  readonly model: IvectorModel;
}

function trainingRecordings(
  entries: readonly ManifestEntry[],
  log: ProgressLog,
): TrainingRecording[] {
  return entries.map((entry, index): TrainingRecording => {
    log(`features ${String(index + 1)}/${String(entries.length)}: ${entry.file}`);
    const audio = decodeWav(readFileSync(entry.file));
    return { speaker: entry.speaker, frames: speakerFeatures(audio.samples, audio.sampleRate) };
  });
}

/** Trains a model on `entries` and registers its UBM and T as model assets. */
export async function trainAndRegisterIvectorModel(
  gateway: GatewayClient,
  entries: readonly ManifestEntry[],
  options: IvectorTrainOptions,
  log: ProgressLog,
): Promise<RegisteredIvectorModel> {
  const recordings = trainingRecordings(entries, log);
  const speakers = new Set(entries.map((entry) => entry.speaker)).size;
  log(`training the UBM, T and the back end on ${String(recordings.length)} recordings`);
  const { model } = trainIvectorModel(recordings, {
    ubm: options.components === undefined ? {} : { componentCount: options.components },
    tv: options.rank === undefined ? {} : { rank: options.rank },
    backend: options.ldaDimension === undefined ? {} : { ldaDimension: options.ldaDimension },
  });
  const parts = splitIvectorModel(model);
  const readers = { readers: options.readers ?? [], orgs: options.orgs ?? [] };
  const ubmId = `${options.id}.ubm`;
  const described = {
    'model-type': UBM_TYPE,
    components: String(model.ubm.componentCount),
    dimension: String(model.ubm.dimension),
  };
  log(`registering ${ubmId}`);
  const ubm = await uploadBytes(
    gateway,
    {
      ...readers,
      id: ubmId,
      kind: 'model',
      mediaType: NPZ,
      metadata: described,
    },
    parts.ubm,
  );
  log(`registering ${options.id}`);
  const extractor = await uploadBytes(
    gateway,
    {
      ...readers,
      id: options.id,
      kind: 'model',
      mediaType: NPZ,
      parents: [ubmId],
      metadata: {
        'model-type': EXTRACTOR_TYPE,
        rank: String(model.tv.rank),
        'scoring-dimension': String(model.backend?.outputDimension ?? model.tv.rank),
        'training-recordings': String(recordings.length),
        'training-speakers': String(speakers),
      },
    },
    parts.totalVariability,
  );
  return { ubm, extractor, model };
}

interface AssetRecordView {
  readonly id: string;
  readonly kind: string;
  readonly parents: readonly string[];
  readonly metadata: Readonly<Record<string, string>>;
}

/** A registered model, downloaded and decrypted here. */
export interface LoadedIvectorModel {
  readonly id: string;
  /** SHA-256 of the T file, which itself names the UBM file's. */
  readonly sha256: string;
  readonly model: IvectorModel;
}

/**
 * Downloads, decrypts and joins the model registered as `id` (its T asset) and its UBM.
 * @throws CliError (usage) when `id` is not an i-vector model.
 */
export async function loadRegisteredIvectorModel(
  gateway: GatewayClient,
  home: string,
  id: string,
): Promise<LoadedIvectorModel> {
  const record = await gateway.json<AssetRecordView>('GET', `/v1/assets/${encodeURIComponent(id)}`);
  const ubmId = record.parents[0];
  if (record.metadata['model-type'] !== EXTRACTOR_TYPE || ubmId === undefined) {
    throw new CliError(
      `${id} is not an i-vector model (deuro ivector train registers them)`,
      exitCodes.usage,
    );
  }
  const [tvBytes, ubmBytes] = await Promise.all([
    downloadDecryptedBytes(gateway, home, id),
    downloadDecryptedBytes(gateway, home, ubmId),
  ]);
  return {
    id,
    sha256: createHash('sha256').update(tvBytes).digest('hex'),
    model: joinIvectorModel(ubmBytes, tvBytes),
  };
}

/** Extracts a recording's i-vector with a loaded model and registers it as a feature set. */
export async function extractAndRegisterIvector(
  gateway: GatewayClient,
  loaded: LoadedIvectorModel,
  request: Readers & { readonly id: string; readonly wav: Uint8Array },
): Promise<AssetSummary> {
  const featureSet = ivectorFeatureSet(
    newIvectorExtractor(loaded.model),
    { id: loaded.id, sha256: loaded.sha256 },
    request.wav,
  );
  return uploadBytes(
    gateway,
    {
      id: request.id,
      readers: request.readers ?? [],
      orgs: request.orgs ?? [],
      kind: 'feature-set',
      mediaType: 'application/x-npy',
      metadata: featureSet.metadata,
      parents: [loaded.id],
    },
    featureSet.bytes,
  );
}

/** What the gateway answers for a score. */
export interface IvectorScore {
  readonly score: number;
  readonly a: string;
  readonly b: string;
  readonly model: string;
  readonly modelSha256: string;
}

/** Downloads and decrypts two i-vector feature sets here and has the gateway score them. */
export async function scoreIvectorAssets(
  gateway: GatewayClient,
  home: string,
  a: string,
  b: string,
): Promise<IvectorScore> {
  const [aBytes, bBytes] = await Promise.all([
    downloadDecryptedBytes(gateway, home, a),
    downloadDecryptedBytes(gateway, home, b),
  ]);
  return gateway.json<IvectorScore>('POST', '/v1/ivectors/score', {
    a: { id: a, ivector: Buffer.from(aBytes).toString('base64') },
    b: { id: b, ivector: Buffer.from(bBytes).toString('base64') },
  });
}
