/*
 * The parts of an upload request that come in headers and query parameters: metadata (a JSON
 * object in Deuro-Metadata), recipients (identity ids and organizations) and the idempotency key.
 */
import type { Request } from 'express';

import { ApiError } from '../errors/api-error';

const METADATA_HEADER = 'deuro-metadata';
const MAX_RECIPIENTS = 63;

export function metadataOf(req: Request): Record<string, string> {
  const header = req.headers[METADATA_HEADER];
  if (header === undefined) {
    return {};
  }
  try {
    const value: unknown = JSON.parse(Array.isArray(header) ? header.join(',') : header);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, string>;
    }
  } catch {
    // Reported below.
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
