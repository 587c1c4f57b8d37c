/**
 * How closely two word alignments of the same transcript agree: every word's start and end are
 * two boundaries; a boundary agrees when the two times are within a tolerance (50 ms by
 * default). Used to compare Deuro's aligner with pocketsphinx and with ground truth.
 */

import type { TimedSegment } from '../align/index.js';
import { checkReferenceParameter } from './errors.js';

/** The agreement of two alignments. */
export interface BoundaryAgreement {
  /** Boundaries compared: 2 per word. */
  readonly boundaries: number;
  /** Boundaries within the tolerance. */
  readonly within: number;
  /** `within / boundaries`. */
  readonly fraction: number;
  /** Median absolute difference, seconds. */
  readonly median: number;
  /** 95th percentile (nearest rank) of the absolute difference, seconds. */
  readonly p95: number;
  /** Largest absolute difference, seconds. */
  readonly max: number;
  /** Every absolute difference (start of word 0, end of word 0, start of word 1, ...). */
  readonly differences: number[];
}

function nearestRank(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

/**
 * Compares word boundaries of `reference` and `candidate`, word by word.
 *
 * @param toleranceSeconds - the largest difference that counts as agreement; default 0.05.
 * @throws {ReferenceAlignerError} `DEURO_REFERENCE_INVALID_PARAMETER` when the two do not have
 * the same words in the same order (case aside), or for no words or a bad tolerance.
 */
export function boundaryAgreement(
  reference: readonly TimedSegment[],
  candidate: readonly TimedSegment[],
  toleranceSeconds = 0.05,
): BoundaryAgreement {
  checkReferenceParameter(
    Number.isFinite(toleranceSeconds) && toleranceSeconds >= 0,
    'toleranceSeconds',
    toleranceSeconds,
    'a finite number >= 0',
  );
  checkReferenceParameter(reference.length > 0, 'reference', reference.length, 'at least one word');
  checkReferenceParameter(
    candidate.length === reference.length,
    'candidate',
    candidate.length,
    `${String(reference.length)} words like the reference`,
  );
  const differences: number[] = [];
  reference.forEach((word, i) => {
    const other = candidate[i] ?? word;
    checkReferenceParameter(
      other.label.toLowerCase() === word.label.toLowerCase(),
      `candidate[${String(i)}].label`,
      other.label,
      `the reference's word ${word.label}`,
    );
    differences.push(Math.abs(other.start - word.start), Math.abs(other.end - word.end));
  });
  const sorted = [...differences].sort((a, b) => a - b);
  const within = differences.filter((d) => d <= toleranceSeconds + 1e-9).length;
  return {
    boundaries: differences.length,
    within,
    fraction: within / differences.length,
    median: nearestRank(sorted, 0.5),
    p95: nearestRank(sorted, 0.95),
    max: sorted.at(-1) ?? 0,
    differences,
  };
}
