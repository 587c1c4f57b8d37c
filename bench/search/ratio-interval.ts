/**
 * How far a ratio of medians can be trusted: a paired bootstrap over seeds. Both algorithms ran
 * the same seeds, so a resample draws seed indices with replacement and takes the ratio of the
 * two medians over the same drawn seeds. The interval is the central 95% of those ratios. A
 * 20-seed median moves by several trials from one sample of seeds to another; an interval that
 * holds 1.00x says the seeds do not tell the two algorithms apart.
 */
import { newRandomStream } from '../../gateway/src/gpredict/random/index';
import { median } from './trials-to-target';

/** Resamples of the bootstrap (enough for a stable 2.5% and 97.5% quantile). */
export const BOOTSTRAP_RESAMPLES = 4000;

/** The 95% interval of the ratio median(reference) / median(candidate). */
export interface RatioInterval {
  readonly low: number;
  readonly high: number;
}

/**
 * The 95% paired-bootstrap interval of median(reference) / median(candidate), where entry i of
 * both lists is the same seed's trials (Infinity: not reached). Deterministic: the resamples come
 * from a fixed Philox stream. Two unreached medians count as level (1).
 * @throws RangeError when the lists are empty or differ in length.
 */
export function medianRatioInterval(
  reference: readonly number[],
  candidate: readonly number[],
  resamples = BOOTSTRAP_RESAMPLES,
): RatioInterval {
  if (reference.length === 0 || reference.length !== candidate.length) {
    throw new RangeError('the two algorithms need the trials of the same, non-empty list of seeds');
  }
  const stream = newRandomStream('deuro/bench/search/ratio-interval');
  const seeds = reference.length;
  const ratios: number[] = [];
  for (let resample = 0; resample < resamples; resample += 1) {
    const drawn = Array.from({ length: seeds }, () => stream.nextBelow(seeds));
    const ratio =
      median(drawn.map((index) => reference[index])) /
      median(drawn.map((index) => candidate[index]));
    ratios.push(Number.isNaN(ratio) ? 1 : ratio);
  }
  ratios.sort((a, b) => a - b);
  return {
    low: ratios[Math.floor(0.025 * (resamples - 1))] ?? NaN,
    high: ratios[Math.ceil(0.975 * (resamples - 1))] ?? NaN,
  };
}
