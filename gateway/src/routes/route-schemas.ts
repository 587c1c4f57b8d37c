/*
 * JSON Schemas shared by the routes (path and query parameters), matching what the chaincode
 * accepts, so bad input is refused at the edge with the field named.
 */
import type { JsonSchema } from '../http/openapi';

export const identityIdSchema: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z0-9.-]{1,64}/[0-9a-f]{32}$',
  description: 'An identity id, <MSP ID>/<32 lowercase hex digits> (URL-encode the slash in paths)',
};
export const fingerprintSchema: JsonSchema = {
  type: 'string',
  pattern: '^[0-9a-f]{64}$',
  description: 'SHA-256 of a key SPKI DER, lowercase hex',
};
export const mspIdSchema: JsonSchema = { type: 'string', pattern: '^[A-Za-z0-9.-]{1,64}$' };
export const assetIdSchema: JsonSchema = {
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$',
};
export const assetKindSchema: JsonSchema = {
  type: 'string',
  enum: ['feature-set', 'recording', 'image', 'training-set', 'prediction-data', 'model'],
};
export const assetStateSchema: JsonSchema = {
  type: 'string',
  enum: ['registered', 'shared', 'revoked', 'transferred', 'deprecated', 'deleted'],
};
export const pageSizeSchema: JsonSchema = {
  type: 'string',
  pattern: '^(?:[1-9][0-9]?|1[0-9][0-9]|200)$',
};
export const bookmarkSchema: JsonSchema = { type: 'string', maxLength: 1024 };

/** Records are described loosely here; docs/ledger.md and the contract metadata are exact. */
export const objectSchema: JsonSchema = { type: 'object' };
