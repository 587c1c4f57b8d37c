/*
 * A model's parameters as the float32 numbers an ONNX initializer holds. A fixed-point word
 * raw of <NB, FB> stands for the real raw * 2^-FB, exact in a double (|raw| < 2^31); it is
 * written as that real rounded to float32 by IEEE 754 round-to-nearest-even (Math.fround). The
 * float32 is exact whenever |raw| has at most 24 significant bits, so every word of a format with
 * NB + FB <= 25 is exact; wider words may lose their lowest bits, and the export counts how many
 * parameters did. Float32 weights are copied bit for bit.
 */
import { powerOfTwo } from '../fixed-point/index.js';
import type { LayerParameters, ModelWeights } from '../training/index.js';

/** The float32 parameters of every layer, and how many of them are not exactly the model's. */
export interface Float32Parameters {
  readonly layers: readonly LayerParameters<Float32Array>[];
  /** Parameters whose float32 differs from the real value of their fixed-point word. */
  readonly inexact: number;
}

/**
 * The parameters of `weights` in float32, every bias multiplied by 2^`biasExponent` (exact for
 * a power of two unless the result leaves float32's range, which no 32-bit word can reach).
 * @param weights - Validated weights (see validate-weights.ts).
 * @param biasExponent - Scales the biases, so a layer can produce raw activation words.
 */
export function float32Parameters(weights: ModelWeights, biasExponent: number): Float32Parameters {
  if (weights.encoding.kind === 'float32') {
    const scale = powerOfTwo(biasExponent);
    return {
      layers: weights.layers.map((layer) => ({
        weights: Float32Array.from(layer.weights),
        bias: Float32Array.from(layer.bias, (value) => value * scale),
      })),
      inexact: 0,
    };
  }
  const fb = weights.encoding.format.fb;
  let inexact = 0;
  const convert = (words: ArrayLike<number>, scale: number): Float32Array => {
    const values = new Float32Array(words.length);
    for (let index = 0; index < words.length; index += 1) {
      const real = (words[index] ?? 0) * scale;
      values[index] = real;
      inexact += values[index] === real ? 0 : 1;
    }
    return values;
  };
  const weightScale = powerOfTwo(-fb);
  const biasScale = powerOfTwo(biasExponent - fb);
  const layers = weights.layers.map((layer) => ({
    weights: convert(layer.weights, weightScale),
    bias: convert(layer.bias, biasScale),
  }));
  return { layers, inexact };
}
