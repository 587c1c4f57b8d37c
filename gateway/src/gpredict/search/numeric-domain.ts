/*
 * The domain of one numeric parameter in the coordinate the estimators work in: the value itself,
 * or its natural logarithm on a log scale. Quantized parameters (quniform, qloguniform, int) are a
 * finite grid `low + k * step`, k = 0..K; grid point k owns the cell [x_k - step/2, x_k + step/2]
 * (the lowest cell starts at max(low - step/2, low/2) on a log scale, where the logarithm must stay
 * finite), so that every grid point has a whole cell and the estimators give each point the
 * probability mass of its cell, as Optuna does for stepped parameters.
 */

/** Relative slack when counting grid points, so `(high - low) / step` just under a whole counts. */
const GRID_SLACK = 1e-9;
/** Significant digits float grid values are rounded to, so `0.1 * 3` reads 0.3. */
const GRID_DIGITS = 15;

/** The numeric parameter types of the grammar. */
export type NumericType = 'uniform' | 'loguniform' | 'quniform' | 'qloguniform' | 'int';

/** A numeric parameter's bounds as the grammar gives them. */
export interface NumericBounds {
  readonly type: NumericType;
  readonly low: number;
  readonly high: number;
  /** `q` of quantized floats, `step` of integers (1 when absent); undefined for continuous. */
  readonly step: number | undefined;
  /** Log scale: loguniform, qloguniform, and int with `log: true`. */
  readonly log: boolean;
}

/** One numeric parameter's domain and its internal coordinate. */
export interface NumericDomain extends NumericBounds {
  /** Whether values are integers (type `int`). */
  readonly integer: boolean;
  /** Number of grid points (K + 1); 0 for a continuous parameter. */
  readonly gridSize: number;
  /** Lower end of the internal coordinate (the log of the lower edge on a log scale). */
  readonly internalLow: number;
  /** Upper end of the internal coordinate. */
  readonly internalHigh: number;
  /** The internal coordinate of a value. */
  toInternal(value: number): number;
  /** The value at an internal coordinate: clamped into the bounds, snapped to the grid. */
  fromInternal(internal: number): number;
  /** Grid value k (0 to gridSize - 1). */
  gridValue(index: number): number;
  /** The nearest grid index of a value. */
  gridIndex(value: number): number;
  /** Internal coordinates of the cell of grid point `index`: [lower, upper]. */
  cell(index: number): readonly [number, number];
}

/** The domain of a numeric parameter whose bounds passed the grammar. */
export function newNumericDomain(bounds: NumericBounds): NumericDomain {
  return new Domain(bounds);
}

class Domain implements NumericDomain {
  readonly type: NumericType;
  readonly low: number;
  readonly high: number;
  readonly step: number | undefined;
  readonly log: boolean;
  readonly integer: boolean;
  readonly gridSize: number;
  readonly internalLow: number;
  readonly internalHigh: number;
  readonly #lowerEdge: number;

  constructor(bounds: NumericBounds) {
    this.type = bounds.type;
    this.low = bounds.low;
    this.high = bounds.high;
    this.step = bounds.step;
    this.log = bounds.log;
    this.integer = bounds.type === 'int';
    const step = bounds.step;
    if (step === undefined) {
      this.gridSize = 0;
      this.#lowerEdge = bounds.low;
      this.internalLow = this.toInternal(bounds.low);
      this.internalHigh = this.toInternal(bounds.high);
      return;
    }
    this.gridSize = Math.floor((bounds.high - bounds.low) / step + GRID_SLACK) + 1;
    const halfStep = step / 2;
    this.#lowerEdge = bounds.log
      ? Math.max(bounds.low - halfStep, bounds.low / 2)
      : bounds.low - halfStep;
    this.internalLow = this.toInternal(this.#lowerEdge);
    this.internalHigh = this.toInternal(this.gridValue(this.gridSize - 1) + halfStep);
  }

  toInternal(value: number): number {
    return this.log ? Math.log(value) : value;
  }

  fromInternal(internal: number): number {
    const value = this.log ? Math.exp(internal) : internal;
    if (this.step === undefined) {
      return Math.min(this.high, Math.max(this.low, value));
    }
    return this.gridValue(this.gridIndex(value));
  }

  gridValue(index: number): number {
    const step = this.step ?? 0;
    const value = this.low + index * step;
    return this.integer ? value : Number(value.toPrecision(GRID_DIGITS));
  }

  gridIndex(value: number): number {
    const step = this.step ?? 1;
    const index = Math.round((value - this.low) / step);
    return Math.min(this.gridSize - 1, Math.max(0, index));
  }

  cell(index: number): readonly [number, number] {
    const halfStep = (this.step ?? 0) / 2;
    const value = this.gridValue(index);
    const lower = index === 0 ? this.#lowerEdge : value - halfStep;
    return [this.toInternal(lower), this.toInternal(value + halfStep)];
  }
}
