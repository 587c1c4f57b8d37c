/*
 * The float32 reference trainer: the structure of fixed-network.ts (same layers, same order of
 * operations, same batches, same initial draws) with every operation rounded to IEEE single
 * precision by Math.fround, as a float32 machine without fused multiply-add computes it. Sums
 * accumulate in float32 in index order, so the result is bit-identical everywhere too.
 */
import type { LabelledSamples } from '../datasets/index.js';
import { softmaxWithLoss } from './deterministic-math.js';
import type { Float32ParameterSet } from './model-weights.js';
import { type EvaluationCounts, type TrainableNetwork, argmax } from './network.js';
import type { ResolvedTrainingConfig } from './training-config.js';

const f = Math.fround;

interface Float32Layer {
  readonly inputs: number;
  readonly outputs: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  readonly weightsMomentum: Float32Array;
  readonly biasMomentum: Float32Array;
}

interface LayerGradient {
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/** A float32 network over the training samples `train`, from `parameters` and `momentum`. */
export function newFloat32Network(
  config: ResolvedTrainingConfig,
  train: LabelledSamples,
  parameters: Float32ParameterSet,
  momentum: Float32ParameterSet,
): TrainableNetwork {
  return new Float32Network(config, train, parameters, momentum);
}

class Float32Network implements TrainableNetwork {
  readonly #layers: Float32Layer[];
  readonly #train: LabelledSamples;
  readonly #trainFeatures: Float32Array;
  readonly #learningRate: number;
  readonly #momentum: number;

  constructor(
    config: ResolvedTrainingConfig,
    train: LabelledSamples,
    parameters: Float32ParameterSet,
    momentum: Float32ParameterSet,
  ) {
    const sizes = [train.featureCount, ...config.hiddenSizes, train.classCount];
    this.#layers = parameters.layers.map((layer, index) => {
      const velocity = momentum.layers[index];
      return {
        inputs: sizes[index] ?? 0,
        outputs: sizes[index + 1] ?? 0,
        weights: layer.weights.slice(),
        bias: layer.bias.slice(),
        weightsMomentum: velocity?.weights.slice() ?? new Float32Array(layer.weights.length),
        biasMomentum: velocity?.bias.slice() ?? new Float32Array(layer.bias.length),
      };
    });
    this.#train = train;
    this.#trainFeatures = Float32Array.from(train.features);
    this.#learningRate = f(config.learningRate);
    this.#momentum = f(config.momentum);
  }

  step(batch: readonly number[]): number {
    const featureCount = this.#train.featureCount;
    const inputs = new Float32Array(batch.length * featureCount);
    batch.forEach((index, row) => {
      inputs.set(
        this.#trainFeatures.subarray(index * featureCount, (index + 1) * featureCount),
        row * featureCount,
      );
    });
    const activations = this.#forward(inputs, batch.length);
    const labels = batch.map((index) => this.#train.labels[index] ?? 0);
    const { error, lossSum } = this.#outputError(
      activations[activations.length - 1] ?? inputs,
      labels,
    );
    const gradients = this.#backward(activations, error, batch.length);
    this.#update(gradients);
    return lossSum;
  }

  evaluate(samples: LabelledSamples): EvaluationCounts {
    const classes = samples.classCount;
    const activations = this.#forward(Float32Array.from(samples.features), samples.count);
    const logits = activations[activations.length - 1] ?? new Float32Array(0);
    const probabilities = new Float64Array(classes);
    let correct = 0;
    let lossSum = 0;
    for (let row = 0; row < samples.count; row += 1) {
      const label = samples.labels[row] ?? 0;
      lossSum += softmaxWithLoss(logits, row * classes, classes, label, probabilities);
      correct += argmax(logits, row * classes, classes) === label ? 1 : 0;
    }
    return { correct, lossSum };
  }

  parameters(): Float32ParameterSet {
    return {
      encoding: { kind: 'float32' },
      layers: this.#layers.map((layer) => ({
        weights: layer.weights.slice(),
        bias: layer.bias.slice(),
      })),
    };
  }

  momentum(): Float32ParameterSet {
    return {
      encoding: { kind: 'float32' },
      layers: this.#layers.map((layer) => ({
        weights: layer.weightsMomentum.slice(),
        bias: layer.biasMomentum.slice(),
      })),
    };
  }

  /** [inputs, hidden activations..., logits], each [rows x size]. */
  #forward(inputs: Float32Array, rows: number): Float32Array[] {
    const activations = [inputs];
    this.#layers.forEach((layer, index) => {
      const previous = activations[activations.length - 1] ?? inputs;
      const out = new Float32Array(rows * layer.outputs);
      const hidden = index + 1 < this.#layers.length;
      for (let row = 0; row < rows; row += 1) {
        for (let unit = 0; unit < layer.outputs; unit += 1) {
          let sum = 0;
          for (let k = 0; k < layer.inputs; k += 1) {
            sum = f(
              sum +
                f(
                  (previous[row * layer.inputs + k] ?? 0) *
                    (layer.weights[unit * layer.inputs + k] ?? 0),
                ),
            );
          }
          sum = f(sum + (layer.bias[unit] ?? 0));
          out[row * layer.outputs + unit] = hidden && sum < 0 ? 0 : sum;
        }
      }
      activations.push(out);
    });
    return activations;
  }

  #outputError(
    logits: Float32Array,
    labels: readonly number[],
  ): { error: Float32Array; lossSum: number } {
    const classes = this.#train.classCount;
    const probabilities = new Float64Array(classes);
    const error = new Float32Array(logits.length);
    let lossSum = 0;
    labels.forEach((label, row) => {
      lossSum += softmaxWithLoss(logits, row * classes, classes, label, probabilities);
      for (let column = 0; column < classes; column += 1) {
        error[row * classes + column] = f(
          f(probabilities[column] ?? 0) - (column === label ? 1 : 0),
        );
      }
    });
    return { error, lossSum };
  }

  #backward(
    activations: readonly Float32Array[],
    outputError: Float32Array,
    rows: number,
  ): LayerGradient[] {
    const gradients: LayerGradient[] = [];
    let error = outputError;
    for (let index = this.#layers.length - 1; index >= 0; index -= 1) {
      const layer = this.#layers[index];
      const input = activations[index];
      if (layer === undefined || input === undefined) {
        break;
      }
      gradients[index] = this.#layerGradient(layer, error, input, rows);
      if (index > 0) {
        error = this.#propagate(error, layer, input, rows);
      }
    }
    return gradients;
  }

  /** gW = D^T A / rows and gb = colsum(D) / rows, summed in float32 in row order. */
  #layerGradient(
    layer: Float32Layer,
    error: Float32Array,
    input: Float32Array,
    rows: number,
  ): LayerGradient {
    const weights = new Float32Array(layer.outputs * layer.inputs);
    const bias = new Float32Array(layer.outputs);
    for (let unit = 0; unit < layer.outputs; unit += 1) {
      for (let k = 0; k < layer.inputs; k += 1) {
        let sum = 0;
        for (let row = 0; row < rows; row += 1) {
          sum = f(
            sum +
              f((error[row * layer.outputs + unit] ?? 0) * (input[row * layer.inputs + k] ?? 0)),
          );
        }
        weights[unit * layer.inputs + k] = f(sum / rows);
      }
      let sum = 0;
      for (let row = 0; row < rows; row += 1) {
        sum = f(sum + (error[row * layer.outputs + unit] ?? 0));
      }
      bias[unit] = f(sum / rows);
    }
    return { weights, bias };
  }

  /** D_{l-1} = (D_l W_l) masked where the previous activation is not positive. */
  #propagate(
    error: Float32Array,
    layer: Float32Layer,
    input: Float32Array,
    rows: number,
  ): Float32Array {
    const previous = new Float32Array(rows * layer.inputs);
    for (let row = 0; row < rows; row += 1) {
      for (let k = 0; k < layer.inputs; k += 1) {
        if ((input[row * layer.inputs + k] ?? 0) <= 0) {
          continue;
        }
        let sum = 0;
        for (let unit = 0; unit < layer.outputs; unit += 1) {
          sum = f(
            sum +
              f(
                (error[row * layer.outputs + unit] ?? 0) *
                  (layer.weights[unit * layer.inputs + k] ?? 0),
              ),
          );
        }
        previous[row * layer.inputs + k] = sum;
      }
    }
    return previous;
  }

  #update(gradients: readonly LayerGradient[]): void {
    this.#layers.forEach((layer, index) => {
      const gradient = gradients[index];
      if (gradient === undefined) {
        return;
      }
      this.#updateArray(layer.weights, layer.weightsMomentum, gradient.weights);
      this.#updateArray(layer.bias, layer.biasMomentum, gradient.bias);
    });
  }

  #updateArray(parameters: Float32Array, velocity: Float32Array, gradient: Float32Array): void {
    for (let index = 0; index < parameters.length; index += 1) {
      const v = f(f(this.#momentum * (velocity[index] ?? 0)) + (gradient[index] ?? 0));
      velocity[index] = v;
      parameters[index] = f((parameters[index] ?? 0) - f(this.#learningRate * v));
    }
  }
}
