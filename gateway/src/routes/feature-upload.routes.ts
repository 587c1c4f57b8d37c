/*
 * The feature pipeline (issue #6, white paper §1.a): a recording or an image is sent to the
 * gateway, its features are extracted as it streams in and registered as a `feature-set` asset,
 * encrypted like any other, whose metadata names the extractor, its version, the hash of its
 * parameters and the SHA-256 of the input and of the features. The raw input is stored too only
 * when asked (`keepRaw=true`), as its own asset that the feature set names as its parent.
 */
import { PassThrough } from 'node:stream';

import type { Request } from 'express';

import { ApiError } from '../errors/api-error';
import {
  extractFeatures,
  type FeatureDescription,
  type FeatureSource,
} from '../features/pipeline/feature-extraction';
import type { IdentitySessions } from '../fabric/identity-sessions';
import { defineRoute, type Route } from '../http/route';
import type { AssetRecord, Grant } from '../ledger/ledger-types';
import { encryptStoreAndRegister, type UploadTargets } from '../storage/register-upload';
import { assetIdSchema, objectSchema } from './route-schemas';
import { metadataOf, recipientsOf } from './upload-request';

const PARAMETERS_HEADER = 'deuro-feature-parameters';
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;
const RAW_MEDIA_TYPES: Readonly<Record<FeatureSource, RegExp>> = {
  recording: /^audio\/(wav|x-wav|wave|vnd\.wave)$/,
  image: /^image\/(png|jpeg)$/,
};

/** What the feature route needs. */
export interface FeatureUploadDependencies extends UploadTargets {
  readonly sessions: IdentitySessions;
}

function parametersOf(req: Request): Record<string, unknown> {
  const header = req.headers[PARAMETERS_HEADER];
  if (header === undefined) {
    return {};
  }
  try {
    const value: unknown = JSON.parse(Array.isArray(header) ? header.join(',') : header);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Reported below.
  }
  throw new ApiError(
    'DEURO_VALIDATION_FAILED',
    'the Deuro-Feature-Parameters header must be a JSON object',
    {
      errors: [{ pointer: '/header/deuro-feature-parameters', detail: 'must be a JSON object' }],
    },
  );
}

function featureMetadata(
  description: FeatureDescription,
  source: FeatureSource,
  mediaType: string,
): Record<string, string> {
  return {
    extractor: description.extractor,
    'extractor-version': description.extractorVersion,
    'parameters-sha256': description.parametersSha256,
    'input-sha256': description.inputSha256,
    'feature-sha256': description.featureSha256,
    'feature-format': description.format,
    shape: description.shape,
    'source-kind': source,
    'source-media-type': mediaType,
  };
}

/** A feature upload's request, validated. */
interface FeatureRequest {
  readonly id: string;
  readonly source: FeatureSource;
  readonly mediaType: string;
  readonly grants: Grant[];
  readonly metadata: Record<string, string>;
  readonly parameters: Record<string, unknown>;
  readonly keepRaw: boolean;
}

function featureRequestOf(req: Request): FeatureRequest {
  const query = req.query as Record<string, unknown>;
  const id = typeof query.id === 'string' ? query.id : '';
  const source =
    query.source === 'image' || query.source === 'recording' ? query.source : undefined;
  const mediaType = typeof query.mediaType === 'string' ? query.mediaType : '';
  if (id === '' || source === undefined || !RAW_MEDIA_TYPES[source].test(mediaType)) {
    throw new ApiError(
      'DEURO_VALIDATION_FAILED',
      'query parameters id, source (recording or image) and a matching mediaType are required',
      {
        errors: [
          { pointer: '/query', detail: 'id, source and mediaType are required and must match' },
        ],
      },
    );
  }
  if (!req.is('application/octet-stream')) {
    throw new ApiError(
      'DEURO_UNSUPPORTED_MEDIA_TYPE',
      'send the content as Content-Type: application/octet-stream',
    );
  }
  return {
    id,
    source,
    mediaType,
    grants: [
      ...recipientsOf(query, 'recipients').map((recipient): Grant => ({
        type: 'identity',
        id: recipient,
      })),
      ...recipientsOf(query, 'orgs').map((org): Grant => ({ type: 'org', id: org })),
    ],
    metadata: metadataOf(req),
    parameters: parametersOf(req),
    keepRaw: query.keepRaw === 'true',
  };
}

/** The feature upload route. */
export function newFeatureUploadRoutes(deps: FeatureUploadDependencies): Route[] {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/v1/features',
        operationId: 'uploadForFeatures',
        summary:
          "Send a recording (WAV) or an image (PNG, JPEG): its features (MFCC as .npy, image features as JSON) are extracted as it streams and registered as an encrypted feature-set asset; keepRaw=true stores the input too, as the feature set's parent",
        tags: ['features'],
        authenticated: true,
        queryParameters: {
          id: assetIdSchema,
          source: { type: 'string', enum: ['recording', 'image'] },
          mediaType: {
            type: 'string',
            enum: [
              'audio/wav',
              'audio/x-wav',
              'audio/wave',
              'audio/vnd.wave',
              'image/png',
              'image/jpeg',
            ],
          },
          recipients: {
            type: 'string',
            pattern: '^([A-Za-z0-9.-]{1,64}/[0-9a-f]{32})(,[A-Za-z0-9.-]{1,64}/[0-9a-f]{32})*$',
          },
          orgs: { type: 'string', pattern: '^[A-Za-z0-9.-]{1,64}(,[A-Za-z0-9.-]{1,64})*$' },
          keepRaw: { type: 'string', enum: ['true', 'false'] },
        },
        requestBody: {
          contentType: 'application/octet-stream',
          schema: { type: 'string', format: 'binary' },
        },
        responses: {
          '201': {
            description: 'The feature set (and the raw asset when kept)',
            schema: objectSchema,
          },
        },
      },
      async (req, res, caller) => {
        const { id, source, mediaType, grants, metadata, parameters, keepRaw } =
          featureRequestOf(req);
        const label = caller?.label ?? '';
        const client = await deps.sessions.ledgerFor(label);
        const extractionInput = new PassThrough();
        const rawInput = keepRaw ? new PassThrough() : undefined;
        req.pipe(extractionInput);
        if (rawInput !== undefined) {
          req.pipe(rawInput);
        }
        req.on('error', (error) => {
          extractionInput.destroy(error);
          rawInput?.destroy(error);
        });
        const extraction = extractFeatures(source, extractionInput, parameters, MAX_IMAGE_BYTES);
        const rawId = `${id}.raw`;
        const raw: Promise<AssetRecord | undefined> =
          rawInput === undefined
            ? Promise.resolve(undefined)
            : encryptStoreAndRegister(deps, client, rawInput, {
                label,
                id: rawId,
                kind: source,
                mediaType,
                metadata,
                grants,
                idempotency: undefined,
                // The input is registered only once its features were extracted.
                completion: async () => {
                  await extraction.described;
                  return {};
                },
              });
        raw.catch(() => undefined);
        // The feature set streams into the store as it is extracted; it is registered once its
        // description (the hashes) is known and, when the raw input is kept, after that: the
        // ledger checks that a parent exists.
        const featureSet = encryptStoreAndRegister(deps, client, extraction.features, {
          label,
          id,
          kind: 'feature-set',
          mediaType: source === 'recording' ? 'application/x-npy' : 'application/json',
          metadata,
          grants,
          idempotency: undefined,
          completion: async () => {
            const described = await extraction.described;
            const kept = await raw;
            return {
              metadata: { ...metadata, ...featureMetadata(described, source, mediaType) },
              ...(kept === undefined ? {} : { parents: [kept.id] }),
            };
          },
        });
        const [rawAsset, featureAsset] = await Promise.all([raw, featureSet]);
        res.status(201).json({ featureSet: featureAsset, raw: rawAsset ?? null });
      },
    ),
  ];
}
