import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isOnnxError } from './onnx-error.js';
import { int64Value, readProtobufFields, readVarint, unpackVarints } from './protobuf-reader.js';
import { encodeVarint, newProtobufWriter } from './protobuf-writer.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

describe('protobuf varints', () => {
  it('encodes the values of the protobuf encoding guide and the 64-bit extremes', () => {
    const vectors: [number | bigint, string][] = [
      [0, '00'],
      [1, '01'],
      [127, '7f'],
      [128, '8001'],
      [150, '9601'],
      [300, 'ac02'],
      [0x7fffffff, 'ffffffff07'],
      [0x80000000, '8080808008'],
      [Number.MAX_SAFE_INTEGER, 'ffffffffffffff0f'],
      [-1, 'ffffffffffffffffff01'],
      [-2, 'feffffffffffffffff01'],
      [(1n << 63n) - 1n, 'ffffffffffffffff7f'],
      [-(1n << 63n), '80808080808080808001'],
      [(1n << 64n) - 1n, 'ffffffffffffffffff01'],
    ];
    for (const [value, expected] of vectors) {
      assert.equal(hex(encodeVarint(value)), expected, String(value));
      const decoded = readVarint(fromHex(expected), 0, 'test');
      assert.equal(decoded.next, expected.length / 2);
      assert.equal(decoded.value, BigInt.asUintN(64, BigInt(value)), String(value));
    }
    assert.equal(int64Value(BigInt.asUintN(64, -5n)), -5);
    assert.equal(int64Value((1n << 63n) - 1n), (1n << 63n) - 1n);
  });

  it('refuses what is not a 64-bit integer', () => {
    for (const value of [
      1.5,
      Number.MAX_SAFE_INTEGER + 1,
      Number.NaN,
      1n << 64n,
      -(1n << 63n) - 1n,
    ]) {
      assert.throws(() => encodeVarint(value), RangeError, String(value));
    }
  });
});

describe('protobuf writer', () => {
  it('writes the fields of the encoding guide byte for byte', () => {
    assert.equal(hex(newProtobufWriter().int64(1, 150).finish()), '089601');
    assert.equal(hex(newProtobufWriter().string(2, 'testing').finish()), '120774657374696e67');
    assert.equal(
      hex(newProtobufWriter().packedInt64s(4, [3, 270, 86942]).finish()),
      '2206038e029ea705',
    );
    assert.equal(hex(newProtobufWriter().float(2, 1).finish()), '150000803f');
    assert.equal(
      hex(newProtobufWriter().packedFloats(4, Float32Array.of(1, -2)).finish()),
      '22080000803f000000c0',
    );
    // An embedded message is a length-delimited field.
    const inner = newProtobufWriter().int64(1, 150).finish();
    assert.equal(hex(newProtobufWriter().bytes(3, inner).finish()), '1a03089601');
    // Empty packed lists are left out; an empty string is written.
    assert.equal(hex(newProtobufWriter().packedFloats(4, []).packedInt64s(5, []).finish()), '');
    assert.equal(hex(newProtobufWriter().string(2, '').finish()), '1200');
    // Field numbers above 15 take two bytes of key.
    assert.equal(hex(newProtobufWriter().int64(20, 2).finish()), 'a00102');
  });

  it('writes float32 bit patterns exactly, negative zero included', () => {
    assert.equal(hex(newProtobufWriter().float(1, -0).finish()), '0d00000080');
    assert.equal(
      hex(
        newProtobufWriter()
          .float(1, 2 ** -149)
          .finish(),
      ),
      '0d01000000',
    );
    assert.equal(hex(newProtobufWriter().float(1, 0.1).finish()), '0dcdcccc3d');
  });

  it('refuses field numbers outside 1 .. 2^29 - 1', () => {
    assert.throws(() => newProtobufWriter().int64(0, 1), RangeError);
    assert.throws(() => newProtobufWriter().int64(2 ** 29, 1), RangeError);
  });
});

describe('protobuf reader', () => {
  it('reads back what the writer wrote, fields in order', () => {
    const bytes = newProtobufWriter()
      .int64(1, -7)
      .string(2, 'é')
      .float(3, 0.5)
      .packedInt64s(4, [1, 300])
      .bytes(300, Uint8Array.of(1, 2))
      .finish();
    const fields = readProtobufFields(bytes, 'Test');
    assert.deepEqual(
      fields.map((field) => [field.number, field.wireType]),
      [
        [1, 0],
        [2, 2],
        [3, 5],
        [4, 2],
        [300, 2],
      ],
    );
    const [first, second, third, fourth] = fields;
    assert.equal(first?.wireType === 0 ? int64Value(first.value) : undefined, -7);
    assert.equal(second?.wireType === 2 ? Buffer.from(second.value).toString('utf8') : '', 'é');
    assert.equal(third?.wireType === 5 ? Buffer.from(third.value).readFloatLE(0) : undefined, 0.5);
    assert.deepEqual(fourth?.wireType === 2 ? unpackVarints(fourth.value, 'Test') : [], [1n, 300n]);
  });

  it('keeps fixed64 fields and refuses truncations, groups and long varints', () => {
    const fixed64 = readProtobufFields(fromHex('090102030405060708'), 'Test');
    assert.equal(fixed64[0]?.wireType, 1);
    const bad: [string, string][] = [
      ['0896', 'truncated varint'],
      ['1205616263', 'length beyond the message'],
      ['0d0000', 'truncated fixed32'],
      ['0b', 'group'],
      ['08ffffffffffffffffffff01', 'eleven-byte varint'],
      ['0001', 'field number 0'],
    ];
    for (const [bytes, what] of bad) {
      assert.throws(
        () => readProtobufFields(fromHex(bytes), 'Test'),
        (error: unknown) => isOnnxError(error, 'DEURO_ONNX_MALFORMED'),
        what,
      );
    }
  });
});
