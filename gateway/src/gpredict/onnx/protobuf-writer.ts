/*
 * The smallest protobuf encoder ONNX needs (https://protobuf.dev/programming-guides/encoding/):
 * varints (int32, int64 and enums, negatives as 64-bit two's complement in ten bytes),
 * length-delimited fields (strings as UTF-8, bytes, embedded messages), fixed32 floats, and
 * packed repeated floats and varints. Fields are written in the order they are called; the ONNX
 * encoder calls them in field-number order, which is the order protobuf's own serialisers use,
 * so the bytes are canonical: parsing them with the reference library and serialising again gives
 * the same bytes (tested in export-onnx.test.ts).
 */

/** Wire types of the protobuf encoding. */
export const WIRE_TYPE = {
  varint: 0,
  fixed64: 1,
  lengthDelimited: 2,
  fixed32: 5,
} as const;

const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

const utf8 = new TextEncoder();

/** An encoder of one protobuf message; each method appends one field (or one packed list). */
export interface ProtobufWriter {
  /** A varint field: int32, int64, uint64 or enum; negatives take ten bytes. */
  int64(field: number, value: number | bigint): ProtobufWriter;
  /** A length-delimited UTF-8 string. */
  string(field: number, value: string): ProtobufWriter;
  /** A length-delimited byte string, or an embedded message already encoded. */
  bytes(field: number, value: Uint8Array): ProtobufWriter;
  /** A float field (wire type fixed32, little-endian IEEE single precision). */
  float(field: number, value: number): ProtobufWriter;
  /** A packed repeated float field; nothing when `values` is empty. */
  packedFloats(field: number, values: ArrayLike<number>): ProtobufWriter;
  /** A packed repeated varint field; nothing when `values` is empty. */
  packedInt64s(field: number, values: readonly (number | bigint)[]): ProtobufWriter;
  /** The message's bytes so far. */
  finish(): Uint8Array;
}

/** A new, empty message encoder. */
export function newProtobufWriter(): ProtobufWriter {
  return new Writer();
}

/**
 * The varint encoding of an integer: unsigned LEB128 of its 64-bit two's complement.
 * @throws RangeError unless `value` is a safe integer (or a bigint) in [-2^63, 2^64 - 1].
 */
export function encodeVarint(value: number | bigint): Uint8Array {
  if (typeof value === 'number' && value >= 0 && value < 0x80000000 && Number.isInteger(value)) {
    const bytes: number[] = [];
    let rest = value;
    while (rest >= 0x80) {
      bytes.push((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    bytes.push(rest);
    return Uint8Array.from(bytes);
  }
  let rest = BigInt.asUintN(64, toInt64(value));
  const bytes: number[] = [];
  while (rest >= 0x80n) {
    bytes.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  bytes.push(Number(rest));
  return Uint8Array.from(bytes);
}

function toInt64(value: number | bigint): bigint {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`a varint must be a safe integer or a bigint, got ${String(value)}`);
  }
  const big = BigInt(value);
  if (big < INT64_MIN || big > UINT64_MAX) {
    throw new RangeError(`${big.toString()} does not fit 64 bits`);
  }
  return big;
}

function tag(field: number, wireType: number): Uint8Array {
  if (!Number.isInteger(field) || field < 1 || field > 0x1fffffff) {
    throw new RangeError(
      `a field number must be an integer from 1 to 2^29 - 1, got ${String(field)}`,
    );
  }
  return encodeVarint(field * 8 + wireType);
}

function float32Bytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < values.length; index += 1) {
    view.setFloat32(index * 4, values[index] ?? 0, true);
  }
  return bytes;
}

class Writer implements ProtobufWriter {
  readonly #chunks: Uint8Array[] = [];

  int64(field: number, value: number | bigint): ProtobufWriter {
    this.#chunks.push(tag(field, WIRE_TYPE.varint), encodeVarint(value));
    return this;
  }

  string(field: number, value: string): ProtobufWriter {
    return this.bytes(field, utf8.encode(value));
  }

  bytes(field: number, value: Uint8Array): ProtobufWriter {
    this.#chunks.push(tag(field, WIRE_TYPE.lengthDelimited), encodeVarint(value.length), value);
    return this;
  }

  float(field: number, value: number): ProtobufWriter {
    this.#chunks.push(tag(field, WIRE_TYPE.fixed32), float32Bytes([value]));
    return this;
  }

  packedFloats(field: number, values: ArrayLike<number>): ProtobufWriter {
    return values.length === 0 ? this : this.bytes(field, float32Bytes(values));
  }

  packedInt64s(field: number, values: readonly (number | bigint)[]): ProtobufWriter {
    if (values.length === 0) {
      return this;
    }
    return this.bytes(field, concatBytes(values.map(encodeVarint)));
  }

  finish(): Uint8Array {
    return concatBytes(this.#chunks);
  }
}

/** The concatenation of `chunks`. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) {
    length += chunk.length;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
