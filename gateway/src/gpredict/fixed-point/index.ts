/**
 * Fixed-point arithmetic of the white paper (section 3.c, after Gupta et al., ICML 2015):
 * formats <NB, FB>, Convert with saturation and round-to-nearest or stochastic rounding drawn
 * from named random streams, exact multiply-accumulate followed by one conversion, and vector
 * and matrix operations on Int32Array-backed tensors. See docs/gpredict-training.md.
 */

export {
  FixedPointError,
  fixedPointErrorCatalogue,
  isFixedPointError,
  type FixedPointErrorCode,
} from './fixed-point-error.js';
export {
  MAX_WORD_LENGTH,
  checkFixedFormat,
  fixedFormat,
  formatName,
  maxRaw,
  minRaw,
  powerOfTwo,
  rawToReal,
  sameFormat,
  theta,
  wordLength,
  type FixedFormat,
} from './fixed-format.js';
export {
  newNearestRounder,
  newStochasticRounder,
  uniformBelow,
  uniformBelowWide,
  type Rounder,
  type RoundingMode,
} from './rounding.js';
export { convertRatio, convertRaw, convertReal, saturate } from './convert.js';
export { type ExactInteger } from './exact-integer.js';
export {
  chooseAccumulation,
  exactDot,
  wideDot,
  type Accumulation,
  type StridedWords,
} from './exact-dot.js';
export {
  fixedFromReals,
  fixedScalar,
  fixedToReals,
  newFixedTensor,
  type FixedScalar,
  type FixedTensor,
} from './fixed-tensor.js';
export {
  fixedAxpy,
  fixedDot,
  fixedMatmul,
  fixedMatvec,
  type MatmulOptions,
} from './linear-algebra.js';
export {
  fixedAdd,
  fixedMultiply,
  fixedReformat,
  fixedRelu,
  fixedReluGradient,
  fixedSaturationGradient,
  fixedSubtract,
} from './elementwise.js';
