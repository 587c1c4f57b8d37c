/*
 * The canonical serialisation of a model's weights and optimizer state, the bytes whose SHA-256
 * two workers compare. Layout (all integers little-endian):
 *
 *   8 bytes   "DEUROGPM"
 *   4 bytes   header length H (uint32)
 *   H bytes   header: canonical JSON (UTF-8, keys sorted, no spaces), e.g.
 *             {"activations":{"fb":12,"kind":"fixed","nb":4},"layerSizes":[64,32,10],"model":"mlp",
 *              "momentum":{"encoding":{"fb":12,"kind":"fixed","nb":4},"step":900},"version":1,
 *              "weights":{"encoding":{"fb":12,"kind":"fixed","nb":4}}}
 *             ("momentum":null when the state is left out)
 *   then for each layer, first to last: its weights (outputs x inputs, row-major) then its
 *   bias, 4 bytes per number (int32 raw words, or float32 with every NaN written 0x7fc00000);
 *   then, when present, the momentum buffers in the same order.
 */
import { createHash } from 'node:crypto';

import { type FixedFormat, checkFixedFormat, maxRaw, minRaw } from '../fixed-point/index.js';
import {
  type LayerParameters,
  type ModelWeights,
  type OptimizerState,
  type ParameterEncoding,
  type ParameterSet,
  isFixedParameterSet,
} from './model-weights.js';
import type { ModelKind } from './training-config.js';
import { TrainingError } from './training-error.js';

const MAGIC = 'DEUROGPM';
const VERSION = 1;
const CANONICAL_NAN = 0x7fc00000;

/** Weights and, when present, optimizer state read back from bytes. */
export interface Checkpoint {
  readonly weights: ModelWeights;
  readonly state: OptimizerState | undefined;
}

/** SHA-256 of `bytes`, in hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The canonical bytes of `weights` and, if given, the optimizer `state`. */
export function serializeCheckpoint(weights: ModelWeights, state?: OptimizerState): Uint8Array {
  const header = canonicalJson({
    activations: encodingJson(weights.activations),
    layerSizes: weights.layerSizes,
    model: weights.model,
    momentum:
      state === undefined
        ? null
        : { encoding: encodingJson(state.momentum.encoding), step: state.step },
    version: VERSION,
    weights: { encoding: encodingJson(weights.encoding) },
  });
  const headerBytes = Buffer.from(header, 'utf8');
  const count = parameterCount(weights.layerSizes) * (state === undefined ? 1 : 2);
  const bytes = Buffer.alloc(MAGIC.length + 4 + headerBytes.length + count * 4);
  bytes.write(MAGIC, 0, 'latin1');
  bytes.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(bytes, MAGIC.length + 4);
  let offset = MAGIC.length + 4 + headerBytes.length;
  for (const set of state === undefined ? [weights] : [weights, state.momentum]) {
    offset = writeParameters(bytes, offset, set);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * Weights and optimizer state from their canonical bytes.
 * @throws TrainingError `DEURO_TRAINING_MALFORMED_CHECKPOINT` when the bytes are truncated,
 * have trailing data, an unknown header, or a raw word outside its format.
 */
export function deserializeCheckpoint(bytes: Uint8Array): Checkpoint {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buffer.length < MAGIC.length + 4 || buffer.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    throw malformed('not a Deuro gPredict checkpoint (magic)', 'magic');
  }
  const headerLength = buffer.readUInt32LE(MAGIC.length);
  const bodyStart = MAGIC.length + 4 + headerLength;
  if (bodyStart > buffer.length) {
    throw malformed('the header is truncated', 'header');
  }
  const header = parseHeader(buffer.toString('utf8', MAGIC.length + 4, bodyStart));
  const count = parameterCount(header.layerSizes);
  const expected = bodyStart + count * 4 * (header.momentum === undefined ? 1 : 2);
  if (buffer.length !== expected) {
    throw malformed(
      `${String(buffer.length)} bytes, the header announces ${String(expected)}`,
      'body',
    );
  }
  const weightSet = readParameters(buffer, bodyStart, header.layerSizes, header.weights);
  const weights: ModelWeights = {
    ...weightSet,
    model: header.model,
    layerSizes: header.layerSizes,
    activations: header.activations,
  };
  if (header.momentum === undefined) {
    return { weights, state: undefined };
  }
  const momentum = readParameters(
    buffer,
    bodyStart + count * 4,
    header.layerSizes,
    header.momentum.encoding,
  );
  return { weights, state: { step: header.momentum.step, momentum } };
}

/** Serialise a value as JSON with sorted keys and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function encodingJson(encoding: ParameterEncoding): Record<string, unknown> {
  return encoding.kind === 'fixed'
    ? { fb: encoding.format.fb, kind: 'fixed', nb: encoding.format.nb }
    : { kind: 'float32' };
}

function parameterCount(layerSizes: readonly number[]): number {
  let count = 0;
  for (let layer = 0; layer + 1 < layerSizes.length; layer += 1) {
    count += ((layerSizes[layer] ?? 0) + 1) * (layerSizes[layer + 1] ?? 0);
  }
  return count;
}

function writeParameters(bytes: Buffer, start: number, set: ParameterSet): number {
  let offset = start;
  if (isFixedParameterSet(set)) {
    for (const layer of set.layers) {
      for (const raw of [...layer.weights, ...layer.bias]) {
        offset = bytes.writeInt32LE(raw, offset);
      }
    }
    return offset;
  }
  const word = new DataView(new ArrayBuffer(4));
  for (const layer of set.layers) {
    for (const value of [...layer.weights, ...layer.bias]) {
      word.setFloat32(0, value, true);
      offset = bytes.writeUInt32LE(
        Number.isNaN(value) ? CANONICAL_NAN : word.getUint32(0, true),
        offset,
      );
    }
  }
  return offset;
}

function readParameters(
  bytes: Buffer,
  start: number,
  layerSizes: readonly number[],
  encoding: ParameterEncoding,
): ParameterSet {
  let offset = start;
  const sizes = Array.from({ length: layerSizes.length - 1 }, (_, layer) => ({
    weights: (layerSizes[layer] ?? 0) * (layerSizes[layer + 1] ?? 0),
    bias: layerSizes[layer + 1] ?? 0,
  }));
  if (encoding.kind === 'float32') {
    const read = (length: number): Float32Array => {
      const values = new Float32Array(length);
      for (let index = 0; index < length; index += 1, offset += 4) {
        values[index] = bytes.readFloatLE(offset);
      }
      return values;
    };
    const layers: LayerParameters<Float32Array>[] = sizes.map((size) => ({
      weights: read(size.weights),
      bias: read(size.bias),
    }));
    return { encoding, layers };
  }
  const low = minRaw(encoding.format);
  const high = maxRaw(encoding.format);
  const read = (length: number): Int32Array => {
    const values = new Int32Array(length);
    for (let index = 0; index < length; index += 1, offset += 4) {
      const raw = bytes.readInt32LE(offset);
      if (raw < low || raw > high) {
        throw malformed(`the word at byte ${String(offset)} is outside its format`, 'body');
      }
      values[index] = raw;
    }
    return values;
  };
  const layers: LayerParameters<Int32Array>[] = sizes.map((size) => ({
    weights: read(size.weights),
    bias: read(size.bias),
  }));
  return { encoding, layers };
}

interface Header {
  readonly activations: ParameterEncoding;
  readonly layerSizes: readonly number[];
  readonly model: ModelKind;
  readonly weights: ParameterEncoding;
  readonly momentum: { readonly encoding: ParameterEncoding; readonly step: number } | undefined;
}

function parseHeader(text: string): Header {
  const header = parseHeaderJson(text);
  const { activations, layerSizes, model, momentum, weights } = header as {
    activations?: unknown;
    layerSizes?: unknown;
    model?: unknown;
    momentum?: unknown;
    weights?: { encoding?: unknown } | null;
  };
  if (model !== 'softmax' && model !== 'mlp') {
    throw malformed('model must be softmax or mlp', 'header.model');
  }
  return {
    activations: parseEncoding(activations, 'header.activations'),
    layerSizes: parseLayerSizes(layerSizes),
    model,
    weights: parseEncoding(weights?.encoding, 'header.weights.encoding'),
    momentum: parseMomentum(momentum),
  };
}

function parseHeaderJson(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TrainingError(
      'DEURO_TRAINING_MALFORMED_CHECKPOINT',
      'the header is not JSON',
      'header',
      error,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || canonicalJson(parsed) !== text) {
    throw malformed('the header is not canonical JSON', 'header');
  }
  const header = parsed as Record<string, unknown>;
  if (header.version !== VERSION) {
    throw malformed(`the header version is not ${String(VERSION)}`, 'header.version');
  }
  return header;
}

function parseLayerSizes(value: unknown): readonly number[] {
  const valid =
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every(
      (size) => typeof size === 'number' && Number.isInteger(size) && size >= 1 && size <= 65536,
    );
  if (!valid) {
    throw malformed('layerSizes must list at least two sizes from 1 to 65536', 'header.layerSizes');
  }
  return value as number[];
}

function parseMomentum(value: unknown): Header['momentum'] {
  if (value === null) {
    return undefined;
  }
  const { encoding, step } = (value ?? {}) as { encoding?: unknown; step?: unknown };
  if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 0) {
    throw malformed('momentum.step must be a non-negative integer', 'header.momentum.step');
  }
  return { encoding: parseEncoding(encoding, 'header.momentum.encoding'), step };
}

function parseEncoding(value: unknown, field: string): ParameterEncoding {
  const { kind, nb, fb } = (value ?? {}) as { kind?: unknown; nb?: unknown; fb?: unknown };
  if (kind === 'float32') {
    return { kind };
  }
  if (kind !== 'fixed') {
    throw malformed(`${field}.kind must be fixed or float32`, `${field}.kind`);
  }
  let format: FixedFormat;
  try {
    format = checkFixedFormat({ nb, fb }, field);
  } catch (error) {
    throw new TrainingError(
      'DEURO_TRAINING_MALFORMED_CHECKPOINT',
      `${field} is not a format`,
      field,
      error,
    );
  }
  return { kind, format };
}

function malformed(detail: string, field: string): TrainingError {
  return new TrainingError('DEURO_TRAINING_MALFORMED_CHECKPOINT', detail, field);
}
