import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { fixedFormat } from '../fixed-point/index.js';
import {
  type ModelWeights,
  deserializeCheckpoint,
  serializeCheckpoint,
  sha256Hex,
} from '../training/index.js';
import { float32Parameters } from './float32-parameters.js';
import {
  type OnnxErrorCode,
  type OnnxExportOptions,
  exportOnnx,
  isOnnxError,
  onnxModelInfo,
} from './index.js';

const Q412 = fixedFormat(4, 12);

/** A softmax regression 3 -> 2 in <4,12>, with the extreme words. */
const softmax: ModelWeights = {
  model: 'softmax',
  layerSizes: [3, 2],
  encoding: { kind: 'fixed', format: Q412 },
  activations: { kind: 'fixed', format: Q412 },
  layers: [
    { weights: Int32Array.of(4096, -2048, 1, 0, 32767, -32768), bias: Int32Array.of(5, -5) },
  ],
};

/** An MLP 3 -> 2 -> 2 in float32. */
const mlp: ModelWeights = {
  model: 'mlp',
  layerSizes: [3, 2, 2],
  encoding: { kind: 'float32' },
  activations: { kind: 'float32' },
  layers: [
    { weights: Float32Array.of(0.5, -0.25, 1, -0, 2, 0.1), bias: Float32Array.of(0, 1) },
    { weights: Float32Array.of(1, -1, 0.5, 0.5), bias: Float32Array.of(-0.5, 0.5) },
  ],
};

const WORD_CLIP = ['Sub', 'Relu', 'Add', 'Sub', 'Relu', 'Sub'];

function assertOnnxError(run: () => unknown, code: OnnxErrorCode, field: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isOnnxError(error, code), `expected ${code}, got ${String(error)}`);
    assert.equal(error.field, field);
    return true;
  });
}

describe('exportOnnx', () => {
  it('gives the same bytes for the same weights and options, and pinned bytes for these', () => {
    const options: OnnxExportOptions = { metadata: { task_id: 'task-7', trial: '3' } };
    const first = exportOnnx(softmax, options);
    const again = exportOnnx(softmax, { metadata: { trial: '3', task_id: 'task-7' } });
    assert.equal(sha256Hex(again), sha256Hex(first));
    // The same weights read back from their checkpoint bytes.
    const { weights } = deserializeCheckpoint(serializeCheckpoint(softmax));
    assert.equal(sha256Hex(exportOnnx(weights, options)), sha256Hex(first));
    assert.equal(
      sha256Hex(first),
      'fc0fee43ea8e0c5c46a3dd40daf0fc60dcbe52a40e8e31a98e9cb26439687683',
    );
    assert.notEqual(sha256Hex(exportOnnx(softmax, { metadata: { trial: '4' } })), sha256Hex(first));
  });

  it('describes the as-trained graph of a fixed-point softmax regression', () => {
    const bytes = exportOnnx(softmax, { inputScale: 1 / 16, metadata: { task_id: 'task-7' } });
    const info = onnxModelInfo(bytes);
    assert.equal(info.irVersion, 8);
    assert.deepEqual(info.opsets, [{ domain: '', version: 13 }]);
    assert.equal(info.producerName, 'deuro');
    assert.equal(info.graphName, 'deuro-gpredict-softmax');
    assert.deepEqual(info.inputs, [{ name: 'pixels', elementType: 'float', shape: ['N', 3] }]);
    assert.deepEqual(info.outputs, [
      { name: 'probabilities', elementType: 'float', shape: ['N', 2] },
      { name: 'logits', elementType: 'float', shape: ['N', 2] },
    ]);
    assert.deepEqual(info.operators, [
      'Mul',
      'Round',
      ...WORD_CLIP,
      'Gemm',
      'Round',
      ...WORD_CLIP,
      'Mul',
      'Softmax',
    ]);
    assert.deepEqual(
      info.initializers.map((tensor) => [tensor.name, tensor.dims]),
      [
        ['word_min', []],
        ['word_max', []],
        ['input_scale', []],
        ['layer0.weight', [2, 3]],
        ['layer0.bias', [2]],
        ['logit_scale', []],
      ],
    );
    assert.equal(info.parameterCount, 4 + 6 + 2);
    assert.deepEqual(info.metadata, {
      'deuro.activation_words': '<4,12>',
      'deuro.activations': 'fixed <4,12>',
      'deuro.float32_inexact_parameters': '0',
      'deuro.input_scale': '0.0625',
      'deuro.layer_sizes': '3,2',
      'deuro.model': 'softmax',
      'deuro.weights': 'fixed <4,12>',
      'deuro.weights_sha256': sha256Hex(serializeCheckpoint(softmax)),
      task_id: 'task-7',
    });
    assert.match(info.docString, /^Deuro gPredict softmax 3-2\./);
    assert.match(info.docString, /\ntask_id: task-7$/);
  });

  it('leaves out the input Mul when the scale is one, and rounds nothing in real arithmetic', () => {
    const unscaled = onnxModelInfo(exportOnnx(softmax, { inputScale: 2 ** -12 }));
    assert.equal(unscaled.operators[0], 'Round');
    const real = onnxModelInfo(exportOnnx(softmax, { arithmetic: 'real', name: 'digits' }));
    assert.equal(real.graphName, 'digits');
    assert.deepEqual(real.operators, ['Gemm', 'Softmax']);
    assert.equal(real.metadata['deuro.activation_words'], 'none');
    const scaled = onnxModelInfo(exportOnnx(mlp, { inputScale: 0.5 }));
    assert.deepEqual(scaled.operators, ['Mul', 'Gemm', 'Relu', 'Gemm', 'Softmax']);
    assert.equal(scaled.metadata['deuro.weights'], 'float32');
  });

  it('emulates the hidden layers of a fixed-point mlp with Relu and the upper clip', () => {
    const fixedMlp: ModelWeights = {
      ...softmax,
      model: 'mlp',
      layerSizes: [3, 2, 2],
      layers: [
        softmax.layers[0] ?? { weights: new Int32Array(6), bias: new Int32Array(2) },
        { weights: Int32Array.of(1, 2, 3, 4), bias: Int32Array.of(0, 0) },
      ],
    };
    const info = onnxModelInfo(exportOnnx(fixedMlp, { inputScale: 2 ** -12 }));
    assert.deepEqual(info.operators, [
      'Round',
      ...WORD_CLIP,
      'Gemm',
      'Round',
      'Relu',
      'Sub',
      'Relu',
      'Sub',
      'Gemm',
      'Round',
      ...WORD_CLIP,
      'Mul',
      'Softmax',
    ]);
  });
});

describe('float32Parameters', () => {
  it('writes each word as raw * 2^-FB exactly, the biases in raw activation units', () => {
    const { layers, inexact } = float32Parameters(softmax, 12);
    assert.equal(inexact, 0);
    assert.deepEqual(Array.from(layers[0]?.weights ?? []), [
      1,
      -0.5,
      2 ** -12,
      0,
      32767 / 4096,
      -8,
    ]);
    assert.deepEqual(Array.from(layers[0]?.bias ?? []), [5, -5]);
  });

  it('rounds words of more than 24 significant bits to nearest even and counts them', () => {
    const wide = fixedFormat(8, 24);
    const weights: ModelWeights = {
      ...softmax,
      encoding: { kind: 'fixed', format: wide },
      activations: { kind: 'fixed', format: wide },
      layers: [
        {
          weights: Int32Array.of(2 ** 24 + 1, 2 ** 24 + 3, 2 ** 24, -(2 ** 31), 2 ** 31 - 1, 3),
          bias: Int32Array.of(0, 1),
        },
      ],
    };
    const { layers, inexact } = float32Parameters(weights, 0);
    assert.equal(inexact, 3);
    assert.deepEqual(Array.from(layers[0]?.weights ?? []), [
      1,
      1 + 2 ** -22,
      1,
      -128,
      128,
      3 * 2 ** -24,
    ]);
  });

  it('copies float32 weights bit for bit', () => {
    const { layers, inexact } = float32Parameters(mlp, 0);
    assert.equal(inexact, 0);
    assert.ok(Object.is(layers[0]?.weights[3], -0));
    assert.deepEqual(layers[0]?.weights, mlp.layers[0]?.weights);
  });
});

describe('exportOnnx refuses', () => {
  const withLayer = (layer: object): ModelWeights =>
    ({ ...softmax, layers: [layer] }) as unknown as ModelWeights;
  const cases: [string, () => unknown, OnnxErrorCode, string][] = [
    [
      'another model kind',
      () => exportOnnx({ ...softmax, model: 'cnn' } as unknown as ModelWeights),
      'DEURO_ONNX_UNSUPPORTED_MODEL',
      'weights.model',
    ],
    [
      'another encoding',
      () => exportOnnx({ ...softmax, encoding: { kind: 'bfloat16' } } as unknown as ModelWeights),
      'DEURO_ONNX_UNSUPPORTED_MODEL',
      'weights.encoding.kind',
    ],
    [
      'a bad format',
      () =>
        exportOnnx({
          ...softmax,
          encoding: { kind: 'fixed', format: { nb: 30, fb: 8 } },
        } as unknown as ModelWeights),
      'DEURO_ONNX_INVALID_WEIGHTS',
      'weights.encoding.format',
    ],
    [
      'a softmax with a hidden layer',
      () => exportOnnx({ ...softmax, layerSizes: [3, 2, 2] }),
      'DEURO_ONNX_INVALID_WEIGHTS',
      'weights.layerSizes',
    ],
    [
      'an mlp without one',
      () => exportOnnx({ ...softmax, model: 'mlp' }),
      'DEURO_ONNX_INVALID_WEIGHTS',
      'weights.layerSizes',
    ],
    [
      'a zero layer size',
      () => exportOnnx({ ...softmax, layerSizes: [0, 2] }),
      'DEURO_ONNX_INVALID_WEIGHTS',
      'weights.layerSizes',
    ],
    [
      'a missing layer',
      () => exportOnnx({ ...mlp, layers: mlp.layers.slice(0, 1) }),
      'DEURO_ONNX_INVALID_WEIGHTS',
      'weights.layers',
    ],
    [
      'float32 words in a fixed model',
      () => exportOnnx(withLayer({ weights: new Float32Array(6), bias: new Int32Array(2) })),
      'DEURO_ONNX_INVALID_WEIGHTS',
      'weights.layers[0].weights',
    ],
    [
      'a short bias',
      () => exportOnnx(withLayer({ weights: new Int32Array(6), bias: new Int32Array(1) })),
      'DEURO_ONNX_INVALID_WEIGHTS',
      'weights.layers[0].bias',
    ],
    [
      'a raw outside its format',
      () =>
        exportOnnx(
          withLayer({ weights: Int32Array.of(0, 0, 0, 0, 32768, 0), bias: new Int32Array(2) }),
        ),
      'DEURO_ONNX_INVALID_WEIGHTS',
      'weights.layers[0].weights[4]',
    ],
    [
      'a NaN',
      () =>
        exportOnnx({
          ...mlp,
          layers: [
            mlp.layers[0],
            { weights: Float32Array.of(1, Number.NaN, 0, 0), bias: new Float32Array(2) },
          ],
        } as ModelWeights),
      'DEURO_ONNX_INVALID_WEIGHTS',
      'weights.layers[1].weights[1]',
    ],
    [
      'an infinity',
      () =>
        exportOnnx({
          ...mlp,
          layers: [
            { weights: new Float32Array(6), bias: Float32Array.of(0, Number.POSITIVE_INFINITY) },
            mlp.layers[1],
          ],
        } as ModelWeights),
      'DEURO_ONNX_INVALID_WEIGHTS',
      'weights.layers[0].bias[1]',
    ],
    [
      'an unknown option',
      () => exportOnnx(softmax, { inputscale: 2 } as OnnxExportOptions),
      'DEURO_ONNX_INVALID_OPTIONS',
      'options.inputscale',
    ],
    [
      'an empty name',
      () => exportOnnx(softmax, { name: '' }),
      'DEURO_ONNX_INVALID_OPTIONS',
      'options.name',
    ],
    [
      'a reserved metadata key',
      () => exportOnnx(softmax, { metadata: { 'deuro.model': 'x' } }),
      'DEURO_ONNX_INVALID_OPTIONS',
      'options.metadata["deuro.model"]',
    ],
    [
      'a metadata number',
      () => exportOnnx(softmax, { metadata: { trial: 3 } } as unknown as OnnxExportOptions),
      'DEURO_ONNX_INVALID_OPTIONS',
      'options.metadata["trial"]',
    ],
    [
      'a lone surrogate',
      () => exportOnnx(softmax, { metadata: { note: '\ud800' } }),
      'DEURO_ONNX_INVALID_OPTIONS',
      'options.metadata["note"]',
    ],
    [
      'a zero input scale',
      () => exportOnnx(softmax, { inputScale: 0 }),
      'DEURO_ONNX_INVALID_OPTIONS',
      'options.inputScale',
    ],
    [
      'an input scale below float32',
      () => exportOnnx(softmax, { inputScale: 1e-50 }),
      'DEURO_ONNX_INVALID_OPTIONS',
      'options.inputScale',
    ],
    [
      'an input scale beyond float32 once times 2^FB',
      () => exportOnnx(softmax, { inputScale: 1e35 }),
      'DEURO_ONNX_INVALID_OPTIONS',
      'options.inputScale',
    ],
    [
      'another arithmetic',
      () => exportOnnx(softmax, { arithmetic: 'fast' } as unknown as OnnxExportOptions),
      'DEURO_ONNX_INVALID_OPTIONS',
      'options.arithmetic',
    ],
  ];
  for (const [what, run, code, field] of cases) {
    it(what, () => {
      assertOnnxError(run, code, field);
    });
  }
});

describe('onnxModelInfo refuses', () => {
  const bytes = exportOnnx(softmax);
  it('truncated bytes', () => {
    assertOnnxError(
      () => onnxModelInfo(bytes.subarray(0, bytes.length - 3)),
      'DEURO_ONNX_MALFORMED',
      'ModelProto',
    );
  });
  it('a model without a graph', () => {
    assertOnnxError(
      () => onnxModelInfo(Uint8Array.of(0x08, 0x08)),
      'DEURO_ONNX_MALFORMED',
      'ModelProto.graph',
    );
  });
  it('a field of the wrong wire type', () => {
    assertOnnxError(
      () => onnxModelInfo(Uint8Array.of(0x3a, 0x00, 0x0a, 0x00)),
      'DEURO_ONNX_MALFORMED',
      'ModelProto.ir_version',
    );
  });
  it('text that is not UTF-8', () => {
    assertOnnxError(
      () => onnxModelInfo(Uint8Array.of(0x3a, 0x00, 0x12, 0x01, 0xff)),
      'DEURO_ONNX_MALFORMED',
      'ModelProto.producer_name',
    );
  });
});
