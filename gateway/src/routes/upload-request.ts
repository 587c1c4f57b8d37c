/*
 * The parts of an upload request that come in headers and query parameters: metadata (a JSON
 * object in Deuro-Metadata), recipients (identity ids and organizations) and the idempotency key.
 */
import type { Request } from 'express';

import { ApiError } from '../errors/api-error';

const METADATA_HEADER = 'deuro-metadata';
const MAX_RECIPIENTS = 63;
// The chaincode's limits (chaincode/src/assets/asset-requests.ts), checked before anything is stored.
const MAX_METADATA_ENTRIES = 32;
const METADATA_KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAX_METADATA_VALUE = 1024;
const MAX_METADATA_BYTES = 8192;

function metadataProblem(detail: string): ApiError {
  return new ApiError('DEURO_VALIDATION_FAILED', `Deuro-Metadata ${detail}`, {
    errors: [{ pointer: '/header/deuro-metadata', detail }],
  });
}

/** Refuse metadata the ledger would refuse, before the upload is stored. */
function checkMetadata(metadata: Record<string, unknown>): Record<string, string> {
  const entries = Object.entries(metadata);
  if (entries.length > MAX_METADATA_ENTRIES) {
    throw metadataProblem(`must have at most ${String(MAX_METADATA_ENTRIES)} entries`);
  }
  for (const [key, value] of entries) {
    if (!METADATA_KEY.test(key)) {
      throw metadataProblem(
        `key ${JSON.stringify(key.slice(0, 70))} must be 1-64 characters of a-z 0-9 . _ -`,
      );
    }
    if (typeof value !== 'string' || value.length > MAX_METADATA_VALUE) {
      throw metadataProblem(
        `${key} must be a string of at most ${String(MAX_METADATA_VALUE)} characters`,
      );
    }
  }
  if (Buffer.byteLength(JSON.stringify(metadata), 'utf8') > MAX_METADATA_BYTES) {
    throw metadataProblem(`must be at most ${String(MAX_METADATA_BYTES)} bytes as JSON`);
  }
  return metadata as Record<string, string>;
}

/**
 * The upload's public metadata.
 * @throws ApiError `DEURO_VALIDATION_FAILED` for a header that is not a JSON object of strings
 * within the ledger's limits.
 */
export function metadataOf(req: Request): Record<string, string> {
  const header = req.headers[METADATA_HEADER];
  if (header === undefined) {
    return {};
  }
  try {
    const value: unknown = JSON.parse(Array.isArray(header) ? header.join(',') : header);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return checkMetadata(value as Record<string, unknown>);
    }
  } catch (error) {
    if (error instanceof ApiError) {
      throw error;
    }
    // Not JSON: reported below.
  }
  throw new ApiError(
    'DEURO_VALIDATION_FAILED',
    'the Deuro-Metadata header must be a JSON object of strings',
    {
      errors: [{ pointer: '/header/deuro-metadata', detail: 'must be a JSON object of strings' }],
    },
  );
}

export function recipientsOf(
  query: Record<string, unknown>,
  name: 'recipients' | 'orgs',
): string[] {
  const value = query[name];
  const text = typeof value === 'string' ? value : '';
  const recipients = text === '' ? [] : [...new Set(text.split(','))];
  if (recipients.length > MAX_RECIPIENTS) {
    throw new ApiError('DEURO_VALIDATION_FAILED', `at most ${String(MAX_RECIPIENTS)} recipients`);
  }
  return recipients;
}

const MAX_PARENTS = 16;

/** The `parents` query parameter: asset ids the upload derives from (lineage). */
export function parentsOf(query: Record<string, unknown>): string[] {
  const value = query.parents;
  const text = typeof value === 'string' ? value : '';
  const parents = text === '' ? [] : [...new Set(text.split(','))];
  if (parents.length > MAX_PARENTS) {
    throw new ApiError('DEURO_VALIDATION_FAILED', `at most ${String(MAX_PARENTS)} parents`, {
      errors: [{ pointer: '/query/parents', detail: `at most ${String(MAX_PARENTS)}` }],
    });
  }
  return parents;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

export function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.headers['idempotency-key'];
  if (header === undefined) {
    return undefined;
  }
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
    throw new ApiError(
      'DEURO_VALIDATION_FAILED',
      'the Idempotency-Key header must be 1 to 128 letters, digits, _ . : or -',
      { errors: [{ pointer: '/header/idempotency-key', detail: 'malformed' }] },
    );
  }
  return header;
}
