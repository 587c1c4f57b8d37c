/*
 * What the exporter accepts: the trainer's two models (softmax regression, one layer; MLP, one or
 * more ReLU hidden layers), with fixed-point or float32 parameters, every layer's arrays of the
 * announced sizes, every fixed-point raw a word of its format and every float32 finite. Weights
 * may come from anywhere (a checkpoint read back, a hand-built object), so nothing is assumed.
 */
import {
  type FixedFormat,
  checkFixedFormat,
  formatName,
  maxRaw,
  minRaw,
} from '../fixed-point/index.js';
import type { LayerParameters, ModelWeights, ParameterEncoding } from '../training/index.js';
import { OnnxError, describeValue } from './onnx-error.js';

/** The largest layer the exporter writes (the trainer's checkpoint reader allows as many). */
const MAX_LAYER_SIZE = 65536;

/**
 * Checks `weights` and returns the format of the activation words a fixed-point model computes
 * in (`undefined` for float32 weights), as `evaluateModel` chooses it: the activations' format
 * when they are fixed point, else the weights' format.
 * @throws OnnxError `DEURO_ONNX_UNSUPPORTED_MODEL` for another model kind or encoding;
 * `DEURO_ONNX_INVALID_WEIGHTS` naming the inconsistent field.
 */
export function checkExportableWeights(weights: ModelWeights): FixedFormat | undefined {
  const model: unknown = weights.model;
  if (model !== 'softmax' && model !== 'mlp') {
    throw new OnnxError(
      'DEURO_ONNX_UNSUPPORTED_MODEL',
      `weights.model must be softmax or mlp, got ${describeValue(model)}`,
      'weights.model',
    );
  }
  const weightFormat = encodingFormat(weights.encoding, 'weights.encoding');
  const activationFormat = encodingFormat(weights.activations, 'weights.activations');
  checkLayerSizes(weights);
  weights.layers.forEach((layer: LayerParameters<Int32Array | Float32Array>, index) => {
    checkLayer(layer, index, weights.layerSizes, weightFormat);
  });
  return weightFormat === undefined ? undefined : (activationFormat ?? weightFormat);
}

function encodingFormat(encoding: ParameterEncoding, field: string): FixedFormat | undefined {
  const kind: unknown = (encoding as { kind?: unknown } | undefined)?.kind;
  if (kind === 'float32') {
    return undefined;
  }
  if (kind !== 'fixed') {
    throw new OnnxError(
      'DEURO_ONNX_UNSUPPORTED_MODEL',
      `${field}.kind must be fixed or float32, got ${describeValue(kind)}`,
      `${field}.kind`,
    );
  }
  try {
    return checkFixedFormat((encoding as { format?: unknown }).format, `${field}.format`);
  } catch (error) {
    throw new OnnxError(
      'DEURO_ONNX_INVALID_WEIGHTS',
      `${field}.format is not a fixed-point format <NB, FB>`,
      `${field}.format`,
      error,
    );
  }
}

function checkLayerSizes(weights: ModelWeights): void {
  const sizes: unknown = weights.layerSizes;
  const valid =
    Array.isArray(sizes) &&
    sizes.length >= 2 &&
    sizes.every(
      (size) =>
        typeof size === 'number' && Number.isInteger(size) && size >= 1 && size <= MAX_LAYER_SIZE,
    );
  if (!valid) {
    throw invalid(
      `layerSizes must list at least two sizes from 1 to ${String(MAX_LAYER_SIZE)}`,
      'weights.layerSizes',
    );
  }
  const hidden = weights.layerSizes.length - 2;
  if (weights.model === 'softmax' && hidden !== 0) {
    throw invalid(
      `a softmax regression has no hidden layer, layerSizes has ${String(hidden)}`,
      'weights.layerSizes',
    );
  }
  if (weights.model === 'mlp' && hidden === 0) {
    throw invalid('an mlp has at least one hidden layer', 'weights.layerSizes');
  }
  if (!Array.isArray(weights.layers) || weights.layers.length !== weights.layerSizes.length - 1) {
    throw invalid(
      `${String(weights.layerSizes.length - 1)} layers expected for layerSizes [${weights.layerSizes.join(', ')}]`,
      'weights.layers',
    );
  }
}

function checkLayer(
  layer: LayerParameters<Int32Array | Float32Array>,
  index: number,
  layerSizes: readonly number[],
  format: FixedFormat | undefined,
): void {
  const inputs = layerSizes[index] ?? 0;
  const outputs = layerSizes[index + 1] ?? 0;
  const field = `weights.layers[${String(index)}]`;
  const kind = format === undefined ? Float32Array : Int32Array;
  for (const [name, array, length] of [
    ['weights', layer.weights, inputs * outputs],
    ['bias', layer.bias, outputs],
  ] as const) {
    if (!(array instanceof kind)) {
      throw invalid(`${field}.${name} must be an ${kind.name}`, `${field}.${name}`);
    }
    if (array.length !== length) {
      throw invalid(
        `${field}.${name} has ${String(array.length)} numbers, ${String(length)} expected`,
        `${field}.${name}`,
      );
    }
    checkValues(array, format, `${field}.${name}`);
  }
}

function checkValues(
  values: Int32Array | Float32Array,
  format: FixedFormat | undefined,
  field: string,
): void {
  const low = format === undefined ? -Infinity : minRaw(format);
  const high = format === undefined ? Infinity : maxRaw(format);
  const bad = values.findIndex(
    (value) => !Number.isFinite(value) || !(value >= low && value <= high),
  );
  if (bad >= 0) {
    const what =
      format === undefined
        ? 'is not finite'
        : `is not a word of ${formatName(format)} (${String(low)} to ${String(high)})`;
    throw invalid(
      `${field}[${String(bad)}] = ${String(values[bad])} ${what}`,
      `${field}[${String(bad)}]`,
    );
  }
}

function invalid(detail: string, field: string): OnnxError {
  return new OnnxError('DEURO_ONNX_INVALID_WEIGHTS', detail, field);
}
