/*
 * The compact encoding of a binary mask (edge pixels, ridge pixels) in the JSON output: the
 * mask is read row-major as one line of width x height pixels, and `runs` alternates a gap
 * (pixels skipped since the end of the previous run) and a length (pixels set), so
 * [gap0, length0, gap1, length1, ...]. Thin curves become short numbers, and an empty mask an
 * empty list.
 */
import { checkParameter } from './errors.js';

/** A binary mask, run-length encoded. */
export interface RunLengthMask {
  /** Pixels set. */
  readonly count: number;
  /** Alternating gaps and lengths, row-major over the whole image. */
  readonly runs: number[];
}

/** Encodes a 0/1 mask. */
export function encodeRuns(mask: Uint8Array): RunLengthMask {
  const runs: number[] = [];
  let count = 0;
  let end = 0;
  let i = 0;
  while (i < mask.length) {
    if (mask[i] === 0) {
      i++;
      continue;
    }
    const start = i;
    while (i < mask.length && mask[i] !== 0) i++;
    runs.push(start - end, i - start);
    count += i - start;
    end = i;
  }
  return { count, runs };
}

/**
 * Decodes `runs` into a 0/1 mask of `length` pixels.
 *
 * @throws {ImageError} `DEURO_IMAGE_INVALID_PARAMETER` (field `runs`) when the runs are not
 * pairs of non-negative integers that fit in `length`.
 */
export function decodeRuns(runs: readonly number[], length: number): Uint8Array {
  checkParameter(runs.length % 2 === 0, 'runs', runs.length, 'an even number of values');
  const mask = new Uint8Array(length);
  let position = 0;
  for (let k = 0; k < runs.length; k += 2) {
    const gap = runs[k] ?? -1;
    const run = runs[k + 1] ?? -1;
    const valid = Number.isInteger(gap) && gap >= 0 && Number.isInteger(run) && run > 0;
    checkParameter(valid, 'runs', `${String(gap)},${String(run)}`, 'a gap >= 0 and a length > 0');
    position += gap;
    checkParameter(position + run <= length, 'runs', position + run, `at most ${String(length)}`);
    mask.fill(1, position, position + run);
    position += run;
  }
  return mask;
}
