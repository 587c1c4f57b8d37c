/*
 * A model's parameters as they are trained, registered and serialised: per layer a weight
 * matrix [outputs x inputs] (row-major) and a bias vector, all fixed-point raw words of one
 * format (Int32Array) or all float32 (Float32Array). Initial weights are Glorot-uniform draws
 * from the trial's `init` stream, converted to the trainer's representation by rounding to
 * nearest; biases start at zero.
 */
import {
  type FixedFormat,
  convertRaw,
  convertReal,
  newNearestRounder,
  powerOfTwo,
} from '../fixed-point/index.js';
import { newRandomStream } from '../random/index.js';
import type { ModelKind } from './training-config.js';
import { TrainingError } from './training-error.js';

/** Fixed-point words of one format. */
export interface FixedEncoding {
  readonly kind: 'fixed';
  readonly format: FixedFormat;
}

/** IEEE 754 single precision. */
export interface Float32Encoding {
  readonly kind: 'float32';
}

/** How the numbers of a parameter set are held. */
export type ParameterEncoding = FixedEncoding | Float32Encoding;

/** One layer's parameters. */
export interface LayerParameters<Words extends Int32Array | Float32Array> {
  /** outputs x inputs, row-major. */
  readonly weights: Words;
  /** outputs. */
  readonly bias: Words;
}

/** The parameters of every layer, first layer first, as fixed-point words. */
export interface FixedParameterSet {
  readonly encoding: FixedEncoding;
  readonly layers: readonly LayerParameters<Int32Array>[];
}

/** The parameters of every layer, first layer first, as float32. */
export interface Float32ParameterSet {
  readonly encoding: Float32Encoding;
  readonly layers: readonly LayerParameters<Float32Array>[];
}

/** The parameters of every layer, first layer first, in one encoding. */
export type ParameterSet = FixedParameterSet | Float32ParameterSet;

/** Whether a parameter set holds fixed-point words. */
export function isFixedParameterSet(parameters: ParameterSet): parameters is FixedParameterSet {
  return parameters.encoding.kind === 'fixed';
}

/**
 * A model's weights: its kind, its layer sizes [inputs, hidden..., classes], its parameters,
 * and the encoding its activations are computed in (needed to evaluate it as it was trained).
 */
export type ModelWeights = ParameterSet & {
  readonly model: ModelKind;
  readonly layerSizes: readonly number[];
  readonly activations: ParameterEncoding;
};

/** The optimizer's state: the number of steps taken and the momentum buffers. */
export interface OptimizerState {
  readonly step: number;
  readonly momentum: ParameterSet;
}

/** Per layer, the real initial weights: Glorot uniform in +-sqrt(6 / (inputs + outputs)). */
export function initialRealWeights(
  layerSizes: readonly number[],
  streamName: string,
): Float64Array[] {
  const stream = newRandomStream(streamName);
  const layers: Float64Array[] = [];
  for (let layer = 0; layer + 1 < layerSizes.length; layer += 1) {
    const inputs = layerSizes[layer] ?? 0;
    const outputs = layerSizes[layer + 1] ?? 0;
    const limit = Math.sqrt(6 / (inputs + outputs));
    const weights = new Float64Array(inputs * outputs);
    for (let index = 0; index < weights.length; index += 1) {
      weights[index] = (stream.nextUniform() * 2 - 1) * limit;
    }
    layers.push(weights);
  }
  return layers;
}

/** The initial parameters of a model in `encoding`, drawn from the stream `streamName`. */
export function initialParameters(
  layerSizes: readonly number[],
  encoding: ParameterEncoding,
  streamName: string,
): ParameterSet {
  const reals = initialRealWeights(layerSizes, streamName);
  if (encoding.kind === 'float32') {
    return {
      encoding,
      layers: reals.map((weights, layer) => ({
        weights: Float32Array.from(weights),
        bias: new Float32Array(layerSizes[layer + 1] ?? 0),
      })),
    };
  }
  const nearest = newNearestRounder();
  return {
    encoding,
    layers: reals.map((weights, layer) => ({
      weights: Int32Array.from(weights, (value) => convertReal(value, encoding.format, nearest)),
      bias: new Int32Array(layerSizes[layer + 1] ?? 0),
    })),
  };
}

/** Zeroed parameters of the same sizes, in `encoding` (momentum buffers at step 0). */
export function zeroParameters(
  layerSizes: readonly number[],
  encoding: ParameterEncoding,
): ParameterSet {
  const sizes = Array.from({ length: layerSizes.length - 1 }, (_, layer) => ({
    weights: (layerSizes[layer] ?? 0) * (layerSizes[layer + 1] ?? 0),
    bias: layerSizes[layer + 1] ?? 0,
  }));
  return encoding.kind === 'float32'
    ? {
        encoding,
        layers: sizes.map((size) => ({
          weights: new Float32Array(size.weights),
          bias: new Float32Array(size.bias),
        })),
      }
    : {
        encoding,
        layers: sizes.map((size) => ({
          weights: new Int32Array(size.weights),
          bias: new Int32Array(size.bias),
        })),
      };
}

/**
 * `parameters` in another encoding, rounding to nearest where precision is lost (fixed to a
 * format with fewer fractional bits, float32 to fixed) and saturating; float32 from fixed is
 * exact up to 24 significant bits. Used to fine-tune weights trained in another arithmetic.
 */
export function convertParameters(
  parameters: ParameterSet,
  encoding: ParameterEncoding,
): ParameterSet {
  const nearest = newNearestRounder();
  if (isFixedParameterSet(parameters)) {
    const from = parameters.encoding.format;
    if (encoding.kind === 'float32') {
      const scale = powerOfTwo(-from.fb);
      return {
        encoding,
        layers: parameters.layers.map((layer) => ({
          weights: Float32Array.from(layer.weights, (raw) => raw * scale),
          bias: Float32Array.from(layer.bias, (raw) => raw * scale),
        })),
      };
    }
    const toWord = (raw: number): number => convertRaw(raw, from, encoding.format, nearest);
    return {
      encoding,
      layers: parameters.layers.map((layer) => ({
        weights: Int32Array.from(layer.weights, toWord),
        bias: Int32Array.from(layer.bias, toWord),
      })),
    };
  }
  if (encoding.kind === 'float32') {
    return {
      encoding,
      layers: parameters.layers.map((layer) => ({
        weights: layer.weights.slice(),
        bias: layer.bias.slice(),
      })),
    };
  }
  const toWord = (value: number): number => convertReal(value, encoding.format, nearest);
  return {
    encoding,
    layers: parameters.layers.map((layer) => ({
      weights: Int32Array.from(layer.weights, toWord),
      bias: Int32Array.from(layer.bias, toWord),
    })),
  };
}

/**
 * Throws unless `weights` fit a model of `model` and `layerSizes`.
 * @throws TrainingError `DEURO_TRAINING_INCOMPATIBLE_WEIGHTS` naming the mismatch.
 */
export function checkWeightsFit(
  weights: ModelWeights,
  model: ModelKind,
  layerSizes: readonly number[],
): void {
  const fail = (detail: string, field: string): TrainingError =>
    new TrainingError('DEURO_TRAINING_INCOMPATIBLE_WEIGHTS', detail, field);
  if (weights.model !== model) {
    throw fail(
      `initialWeights are a ${weights.model} model, the configuration trains ${model}`,
      'initialWeights.model',
    );
  }
  if (
    weights.layerSizes.length !== layerSizes.length ||
    weights.layerSizes.some((size, index) => size !== layerSizes[index])
  ) {
    throw fail(
      `initialWeights have layer sizes [${weights.layerSizes.join(', ')}], the model needs [${layerSizes.join(', ')}]`,
      'initialWeights.layerSizes',
    );
  }
  weights.layers.forEach((layer: LayerParameters<Int32Array | Float32Array>, index) => {
    const inputs = layerSizes[index] ?? 0;
    const outputs = layerSizes[index + 1] ?? 0;
    if (layer.weights.length !== inputs * outputs || layer.bias.length !== outputs) {
      throw fail(
        `initialWeights layer ${String(index)} has the wrong number of parameters`,
        `initialWeights.layers[${String(index)}]`,
      );
    }
  });
  if (weights.layers.length !== layerSizes.length - 1) {
    throw fail(
      `initialWeights have ${String(weights.layers.length)} layers`,
      'initialWeights.layers',
    );
  }
}
