import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, marshal, unmarshal, type JsonValue } from './canonical-json';
import { isDeuroError } from './errors';

function assertInvalidArgument(value: unknown, path: string): void {
  assert.throws(
    () => canonicalJson(value as JsonValue),
    (err: unknown) => {
      assert.ok(isDeuroError(err, 'DEURO_INVALID_ARGUMENT'));
      assert.ok(err.detail.startsWith(`${path} `), err.detail);
      return true;
    },
  );
}

describe('canonicalJson', () => {
  it('sorts object keys at every depth', () => {
    const json = canonicalJson({ b: 1, a: { z: true, y: null }, c: [{ e: 'x', d: 'y' }] });
    assert.equal(json, '{"a":{"y":null,"z":true},"b":1,"c":[{"d":"y","e":"x"}]}');
  });

  it('sorts keys by UTF-16 code units', () => {
    assert.equal(canonicalJson({ b: 1, B: 2, é: 3, a: 4 }), '{"B":2,"a":4,"b":1,"é":3}');
  });

  it('gives the same text whatever the insertion order', () => {
    assert.equal(canonicalJson({ x: 1, y: 2 }), canonicalJson({ y: 2, x: 1 }));
  });

  it('escapes strings as JSON does', () => {
    assert.equal(canonicalJson({ 'k"': 'line\nbreak \u0000' }), '{"k\\"":"line\\nbreak \\u0000"}');
  });

  it('omits object members whose value is undefined', () => {
    assert.equal(canonicalJson({ a: 1, b: undefined }), '{"a":1}');
  });

  it('writes negative zero as 0', () => {
    assert.equal(canonicalJson(-0), '0');
  });

  it('accepts safe integers', () => {
    assert.equal(
      canonicalJson([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]),
      '[9007199254740991,-9007199254740991]',
    );
  });

  it('rejects non-integer numbers, naming the path', () => {
    assertInvalidArgument({ a: [1, 1.5] }, '$.a[1]');
  });

  it('rejects non-finite numbers', () => {
    assertInvalidArgument({ n: Number.NaN }, '$.n');
    assertInvalidArgument([Number.POSITIVE_INFINITY], '$[0]');
  });

  it('rejects integers beyond the safe range', () => {
    assertInvalidArgument(2 ** 53, '$');
  });

  it('rejects values JSON cannot represent', () => {
    assertInvalidArgument({ d: new Date(0) }, '$.d');
    assertInvalidArgument([undefined], '$[0]');
    assertInvalidArgument({ b: 1n }, '$.b');
  });
});

describe('marshal and unmarshal', () => {
  it('round-trip through UTF-8 bytes', () => {
    const value = { name: 'deuro', list: [1, 'two', false, null] };
    const bytes = marshal(value);
    assert.equal(Buffer.from(bytes).toString('utf8'), canonicalJson(value));
    assert.deepEqual(unmarshal(bytes), value);
  });
});
