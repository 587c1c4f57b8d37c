/*
 * The protobuf decoder behind `onnxModelInfo`: one message's fields in wire order, each with its
 * number and raw value, with no schema. Unknown fields are kept (callers skip them), groups
 * (wire types 3 and 4, deprecated) are refused, and every truncation names the message and the
 * byte offset.
 */
import { OnnxError } from './onnx-error.js';
import { WIRE_TYPE } from './protobuf-writer.js';

/** One field of a message as it is on the wire. */
export type ProtobufField =
  | { readonly number: number; readonly wireType: 0; readonly value: bigint }
  | { readonly number: number; readonly wireType: 1 | 2 | 5; readonly value: Uint8Array };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The fields of one message, in wire order.
 * @param bytes - The encoded message.
 * @param context - The message's name for errors, such as `ModelProto.graph`.
 * @throws OnnxError `DEURO_ONNX_MALFORMED` on a truncated field, a bad varint or a group.
 */
export function readProtobufFields(bytes: Uint8Array, context: string): ProtobufField[] {
  const fields: ProtobufField[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const key = readVarint(bytes, offset, context);
    const number = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    offset = key.next;
    if (number < 1) {
      throw malformed(`${context}: field number 0 at byte ${String(offset)}`, context);
    }
    if (wireType === WIRE_TYPE.varint) {
      const value = readVarint(bytes, offset, context);
      fields.push({ number, wireType, value: value.value });
      offset = value.next;
      continue;
    }
    const { length, start } = fieldExtent(bytes, offset, wireType, context);
    if (start + length > bytes.length) {
      throw malformed(`${context}: field ${String(number)} is truncated`, context);
    }
    fields.push({
      number,
      wireType: wireType as 1 | 2 | 5,
      value: bytes.subarray(start, start + length),
    });
    offset = start + length;
  }
  return fields;
}

function fieldExtent(
  bytes: Uint8Array,
  offset: number,
  wireType: number,
  context: string,
): { length: number; start: number } {
  switch (wireType) {
    case WIRE_TYPE.fixed64:
      return { length: 8, start: offset };
    case WIRE_TYPE.fixed32:
      return { length: 4, start: offset };
    case WIRE_TYPE.lengthDelimited: {
      const length = readVarint(bytes, offset, context);
      if (length.value > BigInt(bytes.length)) {
        throw malformed(
          `${context}: a length at byte ${String(offset)} exceeds the message`,
          context,
        );
      }
      return { length: Number(length.value), start: length.next };
    }
    default:
      throw malformed(
        `${context}: wire type ${String(wireType)} at byte ${String(offset)} is not supported`,
        context,
      );
  }
}

/**
 * The varint at `offset` (as an unsigned 64-bit bigint) and the offset after it.
 * @throws OnnxError `DEURO_ONNX_MALFORMED` when it is truncated or longer than ten bytes.
 */
export function readVarint(
  bytes: Uint8Array,
  offset: number,
  context: string,
): { value: bigint; next: number } {
  let value = 0n;
  for (let index = 0; index < 10; index += 1) {
    const byte = bytes[offset + index];
    if (byte === undefined) {
      throw malformed(`${context}: truncated varint at byte ${String(offset)}`, context);
    }
    value |= BigInt(byte & 0x7f) << BigInt(7 * index);
    if (byte < 0x80) {
      return { value: BigInt.asUintN(64, value), next: offset + index + 1 };
    }
  }
  throw malformed(`${context}: varint longer than ten bytes at byte ${String(offset)}`, context);
}

/** A varint field as a signed 64-bit integer, as a number when it is safe. */
export function int64Value(value: bigint): number | bigint {
  const signed = BigInt.asIntN(64, value);
  return signed >= BigInt(Number.MIN_SAFE_INTEGER) && signed <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(signed)
    : signed;
}

/**
 * A length-delimited field as UTF-8 text.
 * @throws OnnxError `DEURO_ONNX_MALFORMED` when it is not UTF-8.
 */
export function utf8Value(bytes: Uint8Array, context: string): string {
  try {
    return utf8.decode(bytes);
  } catch (error) {
    throw new OnnxError('DEURO_ONNX_MALFORMED', `${context} is not UTF-8`, context, error);
  }
}

/** The varints of a packed repeated field. */
export function unpackVarints(bytes: Uint8Array, context: string): bigint[] {
  const values: bigint[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const varint = readVarint(bytes, offset, context);
    values.push(varint.value);
    offset = varint.next;
  }
  return values;
}

function malformed(detail: string, field: string): OnnxError {
  return new OnnxError('DEURO_ONNX_MALFORMED', detail, field);
}
