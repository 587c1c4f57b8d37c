/**
 * What a registered feature set records about how its features were made: the extractor's name
 * and version, and a hash of every parameter.
 *
 * The hash is SHA-256 over canonical JSON: object keys sorted (by UTF-16 code units), no
 * whitespace, numbers as ECMAScript writes them (shortest round trip, `1e-4` as `0.0001`),
 * which is RFC 8785 (JCS) for the values parameters take. Two processes, or two machines, with
 * the same parameters get the same hash, whatever order the options were given in.
 */

import { createHash } from 'node:crypto';

import { checkParameter } from './errors.js';

/** The extractor's stable name, for feature-set registration. */
export const AUDIO_EXTRACTOR_NAME = 'deuro.features.audio.mfcc';

/**
 * The extractor's version: the major part changes whenever the same parameters could give
 * different bytes (an arithmetic or framing change), the minor when parameters are added with
 * defaults that keep the old output.
 */
export const AUDIO_EXTRACTOR_VERSION = '1.0.0';

function canonical(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    checkParameter(Number.isFinite(value), path, value, 'a finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => canonical(item, `${path}[${String(i)}]`)).join(',')}]`;
  }
  const prototype: unknown = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  checkParameter(
    prototype === Object.prototype || prototype === null,
    path,
    typeof value,
    'JSON data (null, a boolean, number, string, array or plain object)',
  );
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const members = entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, `${path}.${k}`)}`);
  return `{${members.join(',')}}`;
}

/**
 * Canonical JSON of a value (see the module comment).
 *
 * @throws {AudioError} `DEURO_AUDIO_INVALID_PARAMETER` naming the path of a value JSON cannot
 * hold exactly (NaN, infinities, undefined, functions).
 */
export function canonicalJson(value: unknown): string {
  return canonical(value, 'parameters');
}

/**
 * The SHA-256 (hex) of the canonical JSON of resolved parameters, e.g. of
 * `resolveMfccPipelineOptions(options)`.
 *
 * @throws {AudioError} as {@link canonicalJson}.
 */
export function canonicalParameterHash(resolvedParameters: object): string {
  return createHash('sha256').update(canonicalJson(resolvedParameters), 'utf8').digest('hex');
}
