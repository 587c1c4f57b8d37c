/*
 * The scales of the multi-scale extractors, as numpy's `linspace` and `logspace` compute them
 * (step = (stop - start) / (n - 1), value i = i x step + start, the last exactly `stop`).
 */

/** `n` values from `start` to `stop` inclusive, evenly spaced (numpy.linspace). */
export function linspace(start: number, stop: number, n: number): number[] {
  if (n === 1) return [start];
  const step = (stop - start) / (n - 1);
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    values.push(step === 0 ? (i / (n - 1)) * (stop - start) + start : i * step + start);
  }
  values[n - 1] = stop;
  return values;
}

/** `n` values from `min` to `max` evenly spaced in log10 (numpy.logspace of their log10). */
export function logspace(min: number, max: number, n: number): number[] {
  return linspace(Math.log10(min), Math.log10(max), n).map((exponent) => 10 ** exponent);
}

/** The scales of a blob or ridge extractor. */
export function sigmaList(p: {
  readonly minSigma: number;
  readonly maxSigma: number;
  readonly numSigma: number;
  readonly logScale?: boolean;
}): number[] {
  return p.logScale === true
    ? logspace(p.minSigma, p.maxSigma, p.numSigma)
    : linspace(p.minSigma, p.maxSigma, p.numSigma);
}
