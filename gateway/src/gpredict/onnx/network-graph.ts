/*
 * The ONNX graph of a trained network, in one of two arithmetics.
 *
 * Real (float32 models always; fixed-point models on request):
 *
 *   pixels [N, F] -> Mul(inputScale)? -> Gemm(W0, b0) -> Relu -> ... -> Gemm(WL, bL) = logits
 *                 -> Softmax(axis 1) = probabilities
 *
 * As trained (fixed-point models, the default): every tensor between the input and the logits
 * holds raw activation words of <NB, FB> as float32 integers, as the trainer's evaluation
 * computes them (fixed-network.ts: inputs converted to words, Z = A W^T + b converted to words
 * with round-to-nearest-even and saturation, ReLU):
 *
 *   pixels -> Mul(inputScale * 2^FB) -> Round -> clip[lo, hi]                       = words
 *          -> Gemm(W, b * 2^FB) -> Round -> min(Relu(.), hi)                        (hidden)
 *          -> Gemm(W, b * 2^FB) -> Round -> clip[lo, hi] -> Mul(2^-FB)              = logits
 *
 * with lo = -2^(NB+FB-1), hi = 2^(NB+FB-1) - 1. Gemm of raw inputs and real weights plus
 * b * 2^FB is 2^FB times the real Z, so its rounding is the trainer's Convert. ONNX Round
 * rounds half to even, as the trainer does. OpenCV 4.6 reads Clip only with attribute bounds
 * (opset < 11), so the clips are built from Relu: max(x, lo) = Relu(x - lo) + lo and
 * min(x, hi) = hi - Relu(hi - x), exact for integers below 2^24 and right at the bounds for any
 * x. Float32 sums are not the trainer's exact sums, so a Z within a few float32 ulps of a
 * rounding tie may round the other way (docs/gpredict-onnx.md measures how often).
 */
import { type FixedFormat, maxRaw, minRaw, powerOfTwo } from '../fixed-point/index.js';
import type { LayerParameters } from '../training/index.js';
import type { OnnxGraph, OnnxNode, OnnxTensor } from './onnx-proto.js';

/** The name of the graph's input, float32 [N, features]. */
export const ONNX_INPUT_NAME = 'pixels';
/** The name of the graph's first output, float32 [N, classes], rows summing to 1. */
export const ONNX_PROBABILITIES_NAME = 'probabilities';
/** The name of the graph's second output, float32 [N, classes], before the softmax. */
export const ONNX_LOGITS_NAME = 'logits';
/** The name of the batch dimension. */
export const ONNX_BATCH_DIMENSION = 'N';

/** What {@link networkGraph} builds. */
export interface NetworkGraphSpec {
  readonly name: string;
  /** [features, hidden..., classes]. */
  readonly layerSizes: readonly number[];
  /** Float32 weights (real values) and biases (real, times 2^FB when `wordFormat` is set). */
  readonly layers: readonly LayerParameters<Float32Array>[];
  /** Multiplies the input before anything else. */
  readonly inputScale: number;
  /** The activation words to emulate, or undefined for the real network. */
  readonly wordFormat: FixedFormat | undefined;
}

/** The ONNX graph of a network. */
export function networkGraph(spec: NetworkGraphSpec): OnnxGraph {
  const builder = new GraphBuilder();
  const words = spec.wordFormat;
  const logits = words === undefined ? realLayers(builder, spec) : wordLayers(builder, spec, words);
  builder.node('Softmax', [logits], ONNX_PROBABILITIES_NAME, [
    { name: 'axis', kind: 'int', value: 1 },
  ]);
  const classes = spec.layerSizes[spec.layerSizes.length - 1] ?? 0;
  return {
    name: spec.name,
    nodes: builder.nodes,
    initializers: builder.initializers,
    inputs: [{ name: ONNX_INPUT_NAME, shape: [ONNX_BATCH_DIMENSION, spec.layerSizes[0] ?? 0] }],
    outputs: [
      { name: ONNX_PROBABILITIES_NAME, shape: [ONNX_BATCH_DIMENSION, classes] },
      { name: ONNX_LOGITS_NAME, shape: [ONNX_BATCH_DIMENSION, classes] },
    ],
  };
}

/** Gemm and Relu layers over real values; returns the logits' name. */
function realLayers(builder: GraphBuilder, spec: NetworkGraphSpec): string {
  let current = ONNX_INPUT_NAME;
  if (spec.inputScale !== 1) {
    current = builder.node(
      'Mul',
      [current, builder.scalar('input_scale', spec.inputScale)],
      'input.scaled',
    );
  }
  const last = spec.layers.length - 1;
  spec.layers.forEach((layer, index) => {
    const linear = index === last ? ONNX_LOGITS_NAME : `layer${String(index)}.linear`;
    current = gemm(builder, spec, index, layer, current, linear);
    if (index < last) {
      current = builder.node('Relu', [current], `layer${String(index)}.relu`);
    }
  });
  return current;
}

/** Layers over raw activation words; returns the logits' name. */
function wordLayers(builder: GraphBuilder, spec: NetworkGraphSpec, format: FixedFormat): string {
  const low = builder.scalar('word_min', minRaw(format));
  const high = builder.scalar('word_max', maxRaw(format));
  let current = ONNX_INPUT_NAME;
  const inputScale = Math.fround(spec.inputScale * powerOfTwo(format.fb));
  if (inputScale !== 1) {
    current = builder.node(
      'Mul',
      [current, builder.scalar('input_scale', inputScale)],
      'input.scaled',
    );
  }
  current = builder.node('Round', [current], 'input.rounded');
  current = clip(builder, current, 'input', low, high);
  const last = spec.layers.length - 1;
  spec.layers.forEach((layer, index) => {
    const prefix = `layer${String(index)}`;
    current = gemm(builder, spec, index, layer, current, `${prefix}.linear`);
    current = builder.node('Round', [current], `${prefix}.rounded`);
    if (index < last) {
      current = builder.node('Relu', [current], `${prefix}.relu`);
      current = clipAbove(builder, current, prefix, high);
    } else {
      current = clip(builder, current, prefix, low, high);
    }
  });
  const scale = builder.scalar('logit_scale', powerOfTwo(-format.fb));
  return builder.node('Mul', [current, scale], ONNX_LOGITS_NAME);
}

function gemm(
  builder: GraphBuilder,
  spec: NetworkGraphSpec,
  index: number,
  layer: LayerParameters<Float32Array>,
  input: string,
  output: string,
): string {
  const prefix = `layer${String(index)}`;
  const inputs = spec.layerSizes[index] ?? 0;
  const outputs = spec.layerSizes[index + 1] ?? 0;
  const weights = builder.initializer(`${prefix}.weight`, [outputs, inputs], layer.weights);
  const bias = builder.initializer(`${prefix}.bias`, [outputs], layer.bias);
  return builder.node('Gemm', [input, weights, bias], output, [
    { name: 'transB', kind: 'int', value: 1 },
  ]);
}

/** max(x, lo) then min(., hi), from Relu. */
function clip(
  builder: GraphBuilder,
  input: string,
  prefix: string,
  low: string,
  high: string,
): string {
  const shifted = builder.node('Sub', [input, low], `${prefix}.above_min`);
  const positive = builder.node('Relu', [shifted], `${prefix}.above_min.relu`);
  const floored = builder.node('Add', [positive, low], `${prefix}.floored`);
  return clipAbove(builder, floored, prefix, high);
}

/** min(x, hi) = hi - Relu(hi - x). */
function clipAbove(builder: GraphBuilder, input: string, prefix: string, high: string): string {
  const headroom = builder.node('Sub', [high, input], `${prefix}.headroom`);
  const positive = builder.node('Relu', [headroom], `${prefix}.headroom.relu`);
  return builder.node('Sub', [high, positive], `${prefix}.words`);
}

class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];

  /** Appends a node named after its one output; returns the output's name. */
  node(
    opType: string,
    inputs: readonly string[],
    output: string,
    attributes?: OnnxNode['attributes'],
  ): string {
    this.nodes.push({
      name: output,
      opType,
      inputs,
      outputs: [output],
      ...(attributes === undefined ? {} : { attributes }),
    });
    return output;
  }

  initializer(name: string, dims: readonly number[], values: Float32Array): string {
    this.initializers.push({ name, dims, values });
    return name;
  }

  /** A float32 scalar (a 0-d tensor). */
  scalar(name: string, value: number): string {
    return this.initializer(name, [], Float32Array.of(value));
  }
}
