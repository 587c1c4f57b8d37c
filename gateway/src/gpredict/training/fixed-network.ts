/*
 * Training in fixed point: every number of the forward pass, the backward pass and the update
 * is a word of its format, and every operation ends with one Convert (rounding to nearest, or
 * stochastic rounding from the stream `${taskId}/${trialId}/step-${n}`).
 *
 * One step on a batch of B samples X [B x inputs] (activation words):
 *   forward   Z_l = A_{l-1} W_l^T + b_l  (exact sums, one Convert to activations), A_l = ReLU(Z_l),
 *             the last layer's Z are the logits; P = Convert(softmax(Z)) (a deterministic
 *             softmax of the logits' exact values, see deterministic-math.ts)
 *   backward  D_L = Convert(P - Y) (gradient words),
 *             gW_l = Convert(D_l^T A_{l-1} / B), gb_l = Convert(colsum(D_l) / B) (exact mean),
 *             D_{l-1} = Convert(D_l W_l) masked where A_{l-1} = 0 (ReLU), and every error masked
 *             where its word sits at the top (or bottom) of the activation range and descent
 *             would push it further out (Convert's saturation has no slope there)
 *   update    V = Convert(mu V + g) (gradient words), W = Convert(W - eta V) (weight words),
 *             mu and eta words of <8, 24>.
 * All gradients are computed before any weight changes. Evaluation rounds to nearest.
 */
import type { LabelledSamples } from '../datasets/index.js';
import {
  type FixedScalar,
  type FixedTensor,
  type Rounder,
  convertRatio,
  convertReal,
  fixedAxpy,
  fixedFormat,
  fixedMatmul,
  fixedRelu,
  fixedReluGradient,
  fixedSaturationGradient,
  fixedScalar,
  newFixedTensor,
  newNearestRounder,
  newStochasticRounder,
  powerOfTwo,
} from '../fixed-point/index.js';
import { newRandomStream } from '../random/index.js';
import { softmaxWithLoss } from './deterministic-math.js';
import type { FixedParameterSet } from './model-weights.js';
import { type EvaluationCounts, type TrainableNetwork, argmax } from './network.js';
import {
  COEFFICIENT_FORMAT,
  type ResolvedTrainingConfig,
  type TrainingFormats,
} from './training-config.js';

interface FixedLayer {
  weights: FixedTensor;
  bias: FixedTensor;
  weightsMomentum: FixedTensor;
  biasMomentum: FixedTensor;
}

interface LayerGradient {
  readonly weights: FixedTensor;
  readonly bias: FixedTensor;
}

/** The integer format of the all-ones vector that sums a batch's columns. */
const ONES_FORMAT = fixedFormat(2, 0);

/**
 * A fixed-point network over the training samples `train`, starting from `parameters` (words of
 * the weight format) and `momentum` (words of the gradient format).
 */
export function newFixedNetwork(
  config: ResolvedTrainingConfig,
  train: LabelledSamples,
  parameters: FixedParameterSet,
  momentum: FixedParameterSet,
): TrainableNetwork {
  return new FixedNetwork(config, train, parameters, momentum);
}

class FixedNetwork implements TrainableNetwork {
  readonly #config: ResolvedTrainingConfig;
  readonly #formats: TrainingFormats;
  readonly #layerSizes: readonly number[];
  readonly #layers: FixedLayer[];
  readonly #train: LabelledSamples;
  readonly #trainWords: Int32Array;
  readonly #negativeLearningRate: FixedScalar;
  readonly #momentum: FixedScalar;

  constructor(
    config: ResolvedTrainingConfig,
    train: LabelledSamples,
    parameters: FixedParameterSet,
    momentum: FixedParameterSet,
  ) {
    this.#config = config;
    this.#formats = config.formats;
    this.#layerSizes = [train.featureCount, ...config.hiddenSizes, train.classCount];
    this.#layers = parameters.layers.map((layer, index) => {
      const inputs = this.#layerSizes[index] ?? 0;
      const outputs = this.#layerSizes[index + 1] ?? 0;
      // Momentum buffers start at zero unless given (zeroParameters always gives them).
      const velocity = momentum.layers[index] ?? {
        weights: new Int32Array(layer.weights.length),
        bias: new Int32Array(layer.bias.length),
      };
      return {
        weights: newFixedTensor(this.#formats.weights, [outputs, inputs], layer.weights),
        bias: newFixedTensor(this.#formats.weights, [outputs], layer.bias),
        weightsMomentum: newFixedTensor(
          this.#formats.gradients,
          [outputs, inputs],
          velocity.weights,
        ),
        biasMomentum: newFixedTensor(this.#formats.gradients, [outputs], velocity.bias),
      };
    });
    this.#train = train;
    this.#trainWords = this.#inputWords(train);
    this.#negativeLearningRate = fixedScalar(-config.learningRate, COEFFICIENT_FORMAT);
    this.#momentum = fixedScalar(config.momentum, COEFFICIENT_FORMAT);
  }

  step(batch: readonly number[], stepIndex: number): number {
    const { taskId, trialId, rounding } = this.#config;
    const rounder =
      rounding === 'stochastic'
        ? newStochasticRounder(newRandomStream(`${taskId}/${trialId}/step-${String(stepIndex)}`))
        : newNearestRounder();
    const inputs = this.#gather(batch);
    const activations = this.#forward(inputs, rounder);
    const logits = activations[activations.length - 1] ?? inputs;
    const labels = batch.map((index) => this.#train.labels[index] ?? 0);
    const { error: rawError, lossSum } = this.#outputError(logits, labels, rounder);
    const error = fixedSaturationGradient(rawError, logits);
    const gradients = this.#backward(activations, error, rounder);
    this.#update(gradients, rounder);
    return lossSum;
  }

  evaluate(samples: LabelledSamples): EvaluationCounts {
    const nearest = newNearestRounder();
    const classes = samples.classCount;
    const words = this.#inputWords(samples);
    const probabilities = new Float64Array(classes);
    let correct = 0;
    let lossSum = 0;
    const chunk = 256;
    for (let start = 0; start < samples.count; start += chunk) {
      const count = Math.min(chunk, samples.count - start);
      const inputs = newFixedTensor(
        this.#formats.activations,
        [count, samples.featureCount],
        words.subarray(start * samples.featureCount, (start + count) * samples.featureCount),
      );
      const activations = this.#forward(inputs, nearest);
      const logits = this.#realLogits(activations[activations.length - 1] ?? inputs);
      for (let row = 0; row < count; row += 1) {
        const label = samples.labels[start + row] ?? 0;
        lossSum += softmaxWithLoss(logits, row * classes, classes, label, probabilities);
        correct += argmax(logits, row * classes, classes) === label ? 1 : 0;
      }
    }
    return { correct, lossSum };
  }

  parameters(): FixedParameterSet {
    return {
      encoding: { kind: 'fixed', format: this.#formats.weights },
      layers: this.#layers.map((layer) => ({
        weights: layer.weights.data.slice(),
        bias: layer.bias.data.slice(),
      })),
    };
  }

  momentum(): FixedParameterSet {
    return {
      encoding: { kind: 'fixed', format: this.#formats.gradients },
      layers: this.#layers.map((layer) => ({
        weights: layer.weightsMomentum.data.slice(),
        bias: layer.biasMomentum.data.slice(),
      })),
    };
  }

  /** Every sample's features as activation words, rounded to nearest (no draws). */
  #inputWords(samples: LabelledSamples): Int32Array {
    const nearest = newNearestRounder();
    return Int32Array.from(samples.features, (value) =>
      convertReal(value, this.#formats.activations, nearest),
    );
  }

  #gather(batch: readonly number[]): FixedTensor {
    const featureCount = this.#train.featureCount;
    const words = new Int32Array(batch.length * featureCount);
    batch.forEach((index, row) => {
      words.set(
        this.#trainWords.subarray(index * featureCount, (index + 1) * featureCount),
        row * featureCount,
      );
    });
    return newFixedTensor(this.#formats.activations, [batch.length, featureCount], words);
  }

  /** [inputs, hidden activations..., logits]. */
  #forward(inputs: FixedTensor, rounder: Rounder): FixedTensor[] {
    const activations = [inputs];
    this.#layers.forEach((layer, index) => {
      const previous = activations[activations.length - 1] ?? inputs;
      const z = fixedMatmul(previous, layer.weights, this.#formats.activations, rounder, {
        transposeB: true,
        bias: layer.bias,
      });
      activations.push(index + 1 < this.#layers.length ? fixedRelu(z) : z);
    });
    return activations;
  }

  #realLogits(logits: FixedTensor): Float64Array {
    const scale = powerOfTwo(-logits.format.fb);
    return Float64Array.from(logits.data, (raw) => raw * scale);
  }

  /** D = Convert(P - Y) with P = Convert(softmax(logits)), and the summed cross-entropy. */
  #outputError(
    logits: FixedTensor,
    labels: readonly number[],
    rounder: Rounder,
  ): { error: FixedTensor; lossSum: number } {
    const { activations, gradients } = this.#formats;
    const classes = logits.shape[1] ?? 0;
    const real = this.#realLogits(logits);
    const probabilities = new Float64Array(classes);
    const error = new Int32Array(logits.data.length);
    const one = powerOfTwo(activations.fb);
    const shift = gradients.fb - activations.fb;
    const multiplier = powerOfTwo(Math.max(0, shift));
    const divisor = powerOfTwo(Math.max(0, -shift));
    let lossSum = 0;
    labels.forEach((label, row) => {
      lossSum += softmaxWithLoss(real, row * classes, classes, label, probabilities);
      for (let column = 0; column < classes; column += 1) {
        const p = convertReal(probabilities[column] ?? 0, activations, rounder);
        const difference = p - (column === label ? one : 0);
        error[row * classes + column] = convertRatio(
          difference * multiplier,
          divisor,
          gradients,
          rounder,
        );
      }
    });
    return { error: newFixedTensor(gradients, [labels.length, classes], error), lossSum };
  }

  #backward(
    activations: readonly FixedTensor[],
    outputError: FixedTensor,
    rounder: Rounder,
  ): LayerGradient[] {
    const gradientFormat = this.#formats.gradients;
    const batchSize = outputError.shape[0] ?? 1;
    const ones = newFixedTensor(ONES_FORMAT, [batchSize, 1], new Array<number>(batchSize).fill(1));
    const gradients: LayerGradient[] = [];
    let error = outputError;
    for (let index = this.#layers.length - 1; index >= 0; index -= 1) {
      const layer = this.#layers[index];
      const input = activations[index];
      if (layer === undefined || input === undefined) {
        break;
      }
      const mean = { transposeA: true, divisor: batchSize };
      const weights = fixedMatmul(error, input, gradientFormat, rounder, mean);
      const biasColumn = fixedMatmul(error, ones, gradientFormat, rounder, mean);
      gradients[index] = {
        weights,
        bias: newFixedTensor(gradientFormat, [biasColumn.data.length], biasColumn.data),
      };
      if (index > 0) {
        error = fixedReluGradient(
          fixedMatmul(error, layer.weights, gradientFormat, rounder),
          input,
        );
      }
    }
    return gradients;
  }

  #update(gradients: readonly LayerGradient[], rounder: Rounder): void {
    const { weights: weightFormat, gradients: gradientFormat } = this.#formats;
    this.#layers.forEach((layer, index) => {
      const gradient = gradients[index];
      if (gradient === undefined) {
        return;
      }
      layer.weightsMomentum = fixedAxpy(
        this.#momentum,
        layer.weightsMomentum,
        gradient.weights,
        gradientFormat,
        rounder,
      );
      layer.weights = fixedAxpy(
        this.#negativeLearningRate,
        layer.weightsMomentum,
        layer.weights,
        weightFormat,
        rounder,
      );
      layer.biasMomentum = fixedAxpy(
        this.#momentum,
        layer.biasMomentum,
        gradient.bias,
        gradientFormat,
        rounder,
      );
      layer.bias = fixedAxpy(
        this.#negativeLearningRate,
        layer.biasMomentum,
        layer.bias,
        weightFormat,
        rounder,
      );
    });
  }
}
