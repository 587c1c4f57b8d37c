/*
 * Canonical JSON: the one marshal/unmarshal pair for everything the chaincode writes to the
 * ledger or emits as an event.
 *
 * Every endorsing peer must produce byte-identical write sets, so object keys are sorted (by
 * UTF-16 code units, as `Array.prototype.sort` and RFC 8785 do), there is no whitespace, and
 * numbers are restricted to safe integers: floats, NaN and Infinity are rejected rather than
 * rounded. Object members whose value is `undefined` are omitted, as `JSON.stringify` does, so
 * optional fields can be passed through; `undefined` anywhere else is rejected.
 */

import { invalidArgument } from './errors';

/**
 * A value that canonical JSON can encode.
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/**
 * Encode a value as canonical JSON text.
 * @param value - The value to encode.
 * @returns JSON with sorted keys and no whitespace.
 * @throws {@link DeuroError} `DEURO_INVALID_ARGUMENT` naming the path (`$.a[0]`) of a number that
 * is not a safe integer, or of a value that JSON cannot represent.
 */
export function canonicalJson(value: JsonValue): string {
  return encode(value, '$');
}

/**
 * Encode a value as canonical JSON in UTF-8, ready for `putState` or `setEvent`.
 * @throws {@link DeuroError} as {@link canonicalJson} does.
 */
export function marshal(value: JsonValue): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/**
 * Decode UTF-8 JSON bytes read from the ledger. The result is untrusted: validate it.
 * @throws SyntaxError when the bytes are not JSON.
 */
export function unmarshal(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

function encode(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw invalidArgument(`${path} must be a safe integer, not ${String(value)}`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => encode(item, `${path}[${String(index)}]`)).join(',')}]`;
  }
  if (isPlainObject(value)) {
    const members = Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${encode(value[key], `${path}.${key}`)}`);
    return `{${members.join(',')}}`;
  }
  throw invalidArgument(`${path} cannot be encoded as JSON (${describe(value)})`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  return typeof value === 'object' ? Object.prototype.toString.call(value) : typeof value;
}

/** A record (any JSON-shaped object, optional fields dropped) as canonical JSON. */
export function recordJson(value: unknown): string {
  return canonicalJson(JSON.parse(JSON.stringify(value)) as JsonValue);
}
