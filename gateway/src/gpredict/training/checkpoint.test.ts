import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  canonicalJson,
  deserializeCheckpoint,
  serializeCheckpoint,
  sha256Hex,
} from './checkpoint.js';
import type { ModelWeights, OptimizerState } from './model-weights.js';
import { isTrainingError } from './training-error.js';

const fixedWeights: ModelWeights = {
  model: 'mlp',
  layerSizes: [3, 2, 2],
  activations: { kind: 'fixed', format: { nb: 4, fb: 12 } },
  encoding: { kind: 'fixed', format: { nb: 4, fb: 12 } },
  layers: [
    { weights: Int32Array.of(1, -2, 3, -32768, 32767, 0), bias: Int32Array.of(5, -6) },
    { weights: Int32Array.of(7, 8, 9, 10), bias: Int32Array.of(-11, 12) },
  ],
};

const fixedState: OptimizerState = {
  step: 45,
  momentum: {
    encoding: { kind: 'fixed', format: { nb: 2, fb: 14 } },
    layers: [
      { weights: Int32Array.of(0, 1, 0, -1, 0, 2), bias: Int32Array.of(0, 0) },
      { weights: Int32Array.of(-3, 0, 0, 4), bias: Int32Array.of(1, 1) },
    ],
  },
};

const floatWeights: ModelWeights = {
  model: 'softmax',
  layerSizes: [2, 2],
  activations: { kind: 'float32' },
  encoding: { kind: 'float32' },
  layers: [
    { weights: Float32Array.of(0.5, -0.25, Number.NaN, 3.75), bias: Float32Array.of(-0, 1e-30) },
  ],
};

describe('checkpoint serialisation', () => {
  it('round-trips fixed-point weights and optimizer state', () => {
    const bytes = serializeCheckpoint(fixedWeights, fixedState);
    const { weights, state } = deserializeCheckpoint(bytes);
    assert.deepEqual(weights, fixedWeights);
    assert.deepEqual(state, fixedState);
    assert.equal(sha256Hex(serializeCheckpoint(weights, state)), sha256Hex(bytes));
  });

  it('starts with the magic and a canonical header, then little-endian words', () => {
    const bytes = Buffer.from(serializeCheckpoint(fixedWeights));
    assert.equal(bytes.toString('latin1', 0, 8), 'DEUROGPM');
    const headerLength = bytes.readUInt32LE(8);
    assert.equal(
      bytes.toString('utf8', 12, 12 + headerLength),
      '{"activations":{"fb":12,"kind":"fixed","nb":4},"layerSizes":[3,2,2],"model":"mlp","momentum":null,' +
        '"version":1,"weights":{"encoding":{"fb":12,"kind":"fixed","nb":4}}}',
    );
    assert.equal(bytes.readInt32LE(12 + headerLength + 3 * 4), -32768);
    assert.equal(bytes.length, 12 + headerLength + (3 * 2 + 2 + 2 * 2 + 2) * 4);
    assert.equal(deserializeCheckpoint(bytes).state, undefined);
  });

  it('round-trips float32 weights with one canonical NaN', () => {
    const bytes = serializeCheckpoint(floatWeights);
    const { weights } = deserializeCheckpoint(bytes);
    assert.equal(weights.encoding.kind, 'float32');
    assert.deepEqual([...(weights.layers[0]?.weights ?? [])], [0.5, -0.25, Number.NaN, 3.75]);
    assert.ok(Object.is(weights.layers[0]?.bias[0], -0));
    const otherNaN = new Float32Array(new Uint32Array([0x7fc00001]).buffer)[0] ?? 0;
    const withOtherNaN: ModelWeights = {
      ...floatWeights,
      layers: [
        { weights: Float32Array.of(0.5, -0.25, otherNaN, 3.75), bias: Float32Array.of(-0, 1e-30) },
      ],
    };
    assert.equal(sha256Hex(serializeCheckpoint(withOtherNaN)), sha256Hex(bytes));
  });

  it('rejects damaged bytes with DEURO_TRAINING_MALFORMED_CHECKPOINT', () => {
    const bytes = Buffer.from(serializeCheckpoint(fixedWeights, fixedState));
    const headerLength = bytes.readUInt32LE(8);
    const outOfRange = Buffer.from(bytes);
    outOfRange.writeInt32LE(40000, 12 + headerLength);
    const nonCanonical = Buffer.concat([
      bytes.subarray(0, 8),
      Buffer.from([headerLength + 1, 0, 0, 0]),
      Buffer.from(` ${bytes.toString('utf8', 12, 12 + headerLength)}`),
      bytes.subarray(12 + headerLength),
    ]);
    const cases: [Buffer, string][] = [
      [bytes.subarray(0, bytes.length - 1), 'body'],
      [Buffer.concat([bytes, Buffer.from([0])]), 'body'],
      [Buffer.from('DEUROGPX'), 'magic'],
      [outOfRange, 'body'],
      [nonCanonical, 'header'],
    ];
    for (const [damaged, field] of cases) {
      assert.throws(
        () => deserializeCheckpoint(damaged),
        (error: unknown) =>
          isTrainingError(error, 'DEURO_TRAINING_MALFORMED_CHECKPOINT') && error.field === field,
        field,
      );
    }
  });

  it('writes canonical JSON: sorted keys, no spaces, undefined left out', () => {
    assert.equal(
      canonicalJson({ b: [1, { d: null, c: 'x' }], a: undefined, e: true }),
      '{"b":[1,{"c":"x","d":null}],"e":true}',
    );
  });
});
