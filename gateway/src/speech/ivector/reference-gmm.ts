/*
 * Runs scripts/reference/speech-ivector-gmm.py (scikit-learn's GaussianMixture through
 * Debian's /usr/bin/python3) for the UBM agreement test and the benchmark; not part of the
 * library's surface. Fails with a message naming the Debian package when sklearn is missing.
 */

import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { DiagonalGmm } from './diagonal-gmm.js';
import type { Frames } from './frames.js';
import { writeNpyFloat64 } from './npy-float64.js';

/** The only Python that sees Debian's sklearn. */
export const REFERENCE_PYTHON = '/usr/bin/python3';
/** The reference script, from the repository root. */
export const GMM_REFERENCE_SCRIPT = join(
  __dirname,
  '../../../../scripts/reference/speech-ivector-gmm.py',
);

/** What the script prints. */
export interface GmmReferenceOutput {
  /** Average log likelihood per frame before each M step (sklearn's `lower_bound_`). */
  readonly logLikelihoods: number[];
  /** `score(frames)` after the last iteration. */
  readonly score: number;
  readonly weights: number[];
  readonly means: number[][];
  readonly variances: number[][];
  readonly sklearn: string;
  /** Seconds `predict_proba` took on the frames (when timing was asked for). */
  readonly posteriorSeconds?: number;
}

/** Throws a message naming the Debian package unless sklearn imports. */
export function requireSklearn(): void {
  try {
    execFileSync(REFERENCE_PYTHON, ['-c', 'import sklearn, numpy'], { stdio: 'pipe' });
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new Error(
      `the GMM reference needs ${REFERENCE_PYTHON} with scikit-learn (apt-get install -y python3-sklearn): ${detail}`,
    );
  }
}

/**
 * Fits sklearn's diagonal GaussianMixture from `start` for `iterations` EM iterations.
 * @param timePosteriors - Also time `predict_proba` on the frames with the fitted model.
 */
export async function runGmmReference(
  frames: Frames,
  start: DiagonalGmm,
  iterations: number,
  regCovar: number,
  timePosteriors = false,
): Promise<GmmReferenceOutput> {
  requireSklearn();
  const directory = await mkdtemp(join(tmpdir(), 'deuro-gmm-ref-'));
  try {
    const k = start.componentCount;
    const d = start.dimension;
    await writeFile(
      join(directory, 'frames.npy'),
      writeNpyFloat64(frames.data, [frames.frameCount, d]),
    );
    await writeFile(join(directory, 'weights.npy'), writeNpyFloat64(start.weights, [k]));
    await writeFile(join(directory, 'means.npy'), writeNpyFloat64(start.means, [k, d]));
    await writeFile(join(directory, 'variances.npy'), writeNpyFloat64(start.variances, [k, d]));
    const args = [
      GMM_REFERENCE_SCRIPT,
      directory,
      String(iterations),
      String(regCovar),
      ...(timePosteriors ? ['--time-posteriors'] : []),
    ];
    const { stdout } = await promisify(execFile)(REFERENCE_PYTHON, args, {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    });
    return JSON.parse(stdout) as GmmReferenceOutput;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
