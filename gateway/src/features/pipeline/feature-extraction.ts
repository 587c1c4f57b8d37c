/*
 * Feature extraction as the upload pipeline runs it (white paper §1.a: protect the extracted
 * feature): a recording's MFCCs stream out as a `.npy` file while the WAV streams in (memory
 * bounded by a window), an image's features come out as one JSON document. The description says
 * which extractor, which version, the hash of its resolved parameters, and the SHA-256 of the
 * input and of the features, so a second organization holding the same input can re-derive the
 * features and compare hashes (extraction is deterministic).
 */
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';

import { AUDIO_EXTRACTOR_NAME, AUDIO_EXTRACTOR_VERSION, extractMfccStream } from '../audio/index';
import {
  extractImageFeatures,
  IMAGE_EXTRACTOR_NAME,
  IMAGE_EXTRACTOR_VERSION,
  imageFeaturesToJson,
} from '../image/index';
import { CodedError } from '../../errors/coded-error';
import { hashingStream } from '../../storage/hashing-stream';

/** What the input is. */
export type FeatureSource = 'recording' | 'image';

/** What was extracted, for the feature set's metadata. */
export interface FeatureDescription {
  readonly extractor: string;
  readonly extractorVersion: string;
  readonly parametersSha256: string;
  readonly inputSha256: string;
  readonly featureSha256: string;
  readonly format: 'npy' | 'json';
  /** `frames x values` for MFCCs, `width x height` of the image for image features. */
  readonly shape: string;
}

/** A running extraction: the features as a stream, and their description once it ends. */
export interface FeatureExtraction {
  readonly features: Readable;
  readonly described: Promise<FeatureDescription>;
}

async function readAll(input: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      throw new CodedError(
        'DEURO_PAYLOAD_TOO_LARGE',
        `an image to extract features from is at most ${String(maxBytes)} bytes`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Extract features from `input`.
 * @throws AudioError / ImageError (as the stream's error, or from `described`) for bad input or
 * parameters: `DEURO_AUDIO_*`, `DEURO_IMAGE_*`.
 */
export function extractFeatures(
  source: FeatureSource,
  input: Readable,
  parameters: Readonly<Record<string, unknown>>,
  maxImageBytes: number,
): FeatureExtraction {
  const inputHash = createHash('sha256');
  const featureHash = createHash('sha256');
  const hashedInput = input.pipe(hashingStream(inputHash));
  input.on('error', (error) => hashedInput.destroy(error));
  const features = new PassThrough();
  const hashedFeatures = features.pipe(hashingStream(featureHash));
  features.on('error', (error) => hashedFeatures.destroy(error));
  const done = async (): Promise<Omit<FeatureDescription, 'inputSha256' | 'featureSha256'>> => {
    if (source === 'recording') {
      const result = await extractMfccStream(hashedInput, parameters, features, 'npy');
      return {
        extractor: AUDIO_EXTRACTOR_NAME,
        extractorVersion: AUDIO_EXTRACTOR_VERSION,
        parametersSha256: result.parameterHash,
        format: 'npy',
        shape: `${String(result.frameCount)}x${String(result.dimension)}`,
      };
    }
    const set = await extractImageFeatures(await readAll(hashedInput, maxImageBytes), parameters);
    features.end(Buffer.from(imageFeaturesToJson(set), 'utf8'));
    return {
      extractor: IMAGE_EXTRACTOR_NAME,
      extractorVersion: IMAGE_EXTRACTOR_VERSION,
      parametersSha256: set.parameterHash,
      format: 'json',
      shape: `${String(set.image.width)}x${String(set.image.height)}`,
    };
  };
  const described = done().then(
    async (description) => {
      await new Promise<void>((resolve) => {
        if (hashedFeatures.readableEnded) {
          resolve();
        } else {
          hashedFeatures.once('end', resolve);
        }
      });
      return {
        ...description,
        inputSha256: inputHash.digest('hex'),
        featureSha256: featureHash.digest('hex'),
      };
    },
    (error: unknown) => {
      // The features end short rather than with a stream error: whoever stores them learns of
      // the failure from `described`, and removes what it stored.
      features.end();
      input.resume();
      throw error;
    },
  );
  // Marked as handled here; callers still await it and see the rejection.
  described.catch(() => undefined);
  return { features: hashedFeatures, described };
}
