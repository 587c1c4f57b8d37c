/*
 * Speaker verification over REST (docs/speech.md, i-vectors): `POST /v1/ivectors/score` compares
 * two registered i-vector feature sets. The gateway holds no reader's private key, so the caller
 * sends each i-vector's plaintext (`deuro ivector score` decrypts them where the key is); the
 * gateway reads each asset's record as the caller (the ledger decides access), checks the bytes
 * against the feature-sha256 the ledger records and that both come from the same model, and
 * answers their cosine score. Nothing is stored or registered.
 */
import { defineRoute, type Route } from '../http/route';
import type { IdentitySessions } from '../fabric/identity-sessions';
import {
  registeredIvector,
  scoreRegisteredIvectors,
  type RegisteredIvector,
} from '../speech/ivector/index.js';
import { assetIdSchema, objectSchema } from './route-schemas';

/** The largest base64 `.npy` of one i-vector accepted (a 1 x 4096 float32 one is ~22 KB). */
const MAX_IVECTOR_BASE64 = 32_768;

const ivectorSchema = {
  type: 'object',
  required: ['id', 'ivector'],
  additionalProperties: false,
  properties: {
    id: assetIdSchema,
    ivector: {
      type: 'string',
      description: "the feature set's plaintext (the i-vector's .npy), base64",
      pattern: '^[A-Za-z0-9+/]*={0,2}$',
      maxLength: MAX_IVECTOR_BASE64,
    },
  },
};

interface ScoreRequest {
  readonly a: { readonly id: string; readonly ivector: string };
  readonly b: { readonly id: string; readonly ivector: string };
}

/** The i-vector routes. */
export function newIvectorRoutes(sessions: IdentitySessions): Route[] {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/v1/ivectors/score',
        operationId: 'scoreIvectors',
        summary:
          'The cosine score of two registered i-vector feature sets (deuro ivector extract), in [-1, 1], higher meaning more likely the same speaker; each i-vector is sent as its plaintext and checked against the hash the ledger records',
        tags: ['speech'],
        authenticated: true,
        requestBody: {
          contentType: 'application/json',
          schema: {
            type: 'object',
            required: ['a', 'b'],
            additionalProperties: false,
            properties: { a: ivectorSchema, b: ivectorSchema },
          },
        },
        responses: {
          '200': {
            description: '{"score", "a", "b", "model", "modelSha256"}',
            schema: objectSchema,
          },
        },
      },
      async (req, res, caller) => {
        const request = req.body as ScoreRequest;
        const ledger = await sessions.ledgerFor(caller?.label ?? '');
        const read = async (field: 'a' | 'b'): Promise<RegisteredIvector> => {
          const asset = await ledger.getAsset(request[field].id);
          return registeredIvector(asset, Buffer.from(request[field].ivector, 'base64'), field);
        };
        const [a, b] = await Promise.all([read('a'), read('b')]);
        res.json({
          score: scoreRegisteredIvectors(a, b),
          a: a.id,
          b: b.id,
          model: a.model,
          modelSha256: a.modelSha256,
        });
      },
    ),
  ];
}
