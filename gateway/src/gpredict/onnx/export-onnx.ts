/*
 * Export a trained model as an ONNX file (IR version 8, default-domain opset 13, the versions
 * onnx 1.12 checks and OpenCV 4.6 reads): the network of network-graph.ts with the weights as
 * float32 initializers, and metadata_props describing the model, its arithmetic and the SHA-256
 * of its canonical checkpoint bytes (the `weightsSha256` the trainer reports), so an ONNX file
 * can be matched to the registered weights. The same weights and options give the same bytes:
 * nothing depends on the clock, the machine or the order of an object's keys.
 */
import { type FixedFormat, formatName, powerOfTwo } from '../fixed-point/index.js';
import {
  type ModelWeights,
  type ParameterEncoding,
  serializeCheckpoint,
  sha256Hex,
} from '../training/index.js';
import {
  type OnnxExportOptions,
  type ResolvedOnnxExportOptions,
  resolveExportOptions,
} from './export-options.js';
import { float32Parameters } from './float32-parameters.js';
import { ONNX_INPUT_NAME, networkGraph } from './network-graph.js';
import { OnnxError } from './onnx-error.js';
import { encodeOnnxModel } from './onnx-proto.js';
import { checkExportableWeights } from './validate-weights.js';

/** The ONNX IR version written. */
export const ONNX_IR_VERSION = 8;
/** The default-domain (ai.onnx) opset imported. */
export const ONNX_OPSET_VERSION = 13;
/** ModelProto.producer_name. */
export const ONNX_PRODUCER_NAME = 'deuro';
/** ModelProto.producer_version: the version of the exporter's graph layout. */
export const ONNX_PRODUCER_VERSION = 'gpredict-onnx/1';
/** ModelProto.domain. */
export const ONNX_MODEL_DOMAIN = 'org.deuro.gpredict';

/**
 * The ONNX bytes of a trained model: input `pixels` float32 [N, features], outputs
 * `probabilities` (softmax) and `logits`, float32 [N, classes]. See docs/gpredict-onnx.md.
 * @param weights - The trainer's weights (`TrainingResult.weights`, or a checkpoint's).
 * @param options - Name, extra metadata, input scale and arithmetic; see {@link OnnxExportOptions}.
 * @throws OnnxError `DEURO_ONNX_UNSUPPORTED_MODEL` for a model kind or encoding other than the
 * trainer's; `DEURO_ONNX_INVALID_WEIGHTS` for inconsistent weights; `DEURO_ONNX_INVALID_OPTIONS`
 * naming the option.
 */
export function exportOnnx(weights: ModelWeights, options: OnnxExportOptions = {}): Uint8Array {
  const resolved = resolveExportOptions(options);
  const activationFormat = checkExportableWeights(weights);
  const wordFormat = resolved.arithmetic === 'as-trained' ? activationFormat : undefined;
  checkScaledInput(resolved.inputScale, wordFormat);
  const parameters = float32Parameters(weights, wordFormat?.fb ?? 0);
  const graph = networkGraph({
    name: resolved.name ?? `deuro-gpredict-${weights.model}`,
    layerSizes: weights.layerSizes,
    layers: parameters.layers,
    inputScale: resolved.inputScale,
    wordFormat,
  });
  const metadata: [string, string][] = [
    ['deuro.activation_words', wordFormat === undefined ? 'none' : formatName(wordFormat)],
    ['deuro.activations', encodingName(weights.activations)],
    ['deuro.float32_inexact_parameters', String(parameters.inexact)],
    ['deuro.input_scale', String(resolved.inputScale)],
    ['deuro.layer_sizes', weights.layerSizes.join(',')],
    ['deuro.model', weights.model],
    ['deuro.weights', encodingName(weights.encoding)],
    ['deuro.weights_sha256', sha256Hex(serializeCheckpoint(weights))],
  ];
  return encodeOnnxModel({
    irVersion: ONNX_IR_VERSION,
    opsetVersion: ONNX_OPSET_VERSION,
    producerName: ONNX_PRODUCER_NAME,
    producerVersion: ONNX_PRODUCER_VERSION,
    domain: ONNX_MODEL_DOMAIN,
    modelVersion: 1,
    docString: docString(weights, resolved, wordFormat, metadata),
    graph,
    metadata: [...metadata, ...resolved.metadata],
  });
}

/** In as-trained arithmetic the input is multiplied by inputScale * 2^FB, a float32 too. */
function checkScaledInput(inputScale: number, wordFormat: FixedFormat | undefined): void {
  const scaled = Math.fround(inputScale * powerOfTwo(wordFormat?.fb ?? 0));
  if (scaled === 0 || !Number.isFinite(scaled)) {
    throw new OnnxError(
      'DEURO_ONNX_INVALID_OPTIONS',
      `inputScale ${String(inputScale)} times 2^${String(wordFormat?.fb ?? 0)} is outside float32's range`,
      'options.inputScale',
    );
  }
}

function encodingName(encoding: ParameterEncoding): string {
  return encoding.kind === 'fixed' ? `fixed ${formatName(encoding.format)}` : 'float32';
}

function docString(
  weights: ModelWeights,
  options: ResolvedOnnxExportOptions,
  wordFormat: FixedFormat | undefined,
  metadata: readonly (readonly [string, string])[],
): string {
  const sizes = weights.layerSizes;
  const classes = sizes[sizes.length - 1] ?? 0;
  const lookup = new Map(metadata);
  const parameters =
    weights.encoding.kind === 'fixed'
      ? `fixed point ${formatName(weights.encoding.format)}, each word raw exported as raw * 2^-${String(weights.encoding.format.fb)} in float32 (round to nearest even; ${lookup.get('deuro.float32_inexact_parameters') ?? '0'} inexact)`
      : 'float32, exported bit for bit';
  const arithmetic =
    wordFormat === undefined
      ? 'real-valued float32 layers'
      : `activations rounded half to even and saturated to words of ${formatName(wordFormat)}, as the trainer evaluates the model`;
  return [
    `Deuro gPredict ${weights.model} ${sizes.join('-')}.`,
    `Input ${ONNX_INPUT_NAME} float32 [N, ${String(sizes[0] ?? 0)}], multiplied by ${String(options.inputScale)}; outputs probabilities (softmax of the logits) and logits, float32 [N, ${String(classes)}].`,
    `Weights: ${parameters}.`,
    `Arithmetic: ${arithmetic}.`,
    `Weights SHA-256 (canonical checkpoint bytes): ${lookup.get('deuro.weights_sha256') ?? ''}.`,
    ...options.metadata.map(([key, value]) => `${key}: ${value}`),
  ].join('\n');
}
