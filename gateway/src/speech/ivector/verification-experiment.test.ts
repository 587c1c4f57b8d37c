/*
 * The small version of the evaluation (bench/ivector --evaluate runs the full one): 20 espeak-ng
 * speakers x 8 sessions, 12 training speakers, 8 held out, a 32-Gaussian UBM and 30-dimensional
 * i-vectors. Takes about 15 s on two cores.
 */

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';

import { extractIvector } from './ivector-model.js';
import { readIvectorModel, writeIvectorModel } from './model-format.js';
import { scoreIvectors } from './cosine-backend.js';
import {
  runVerificationExperiment,
  type VerificationExperimentResult,
} from './verification-experiment.js';
import { corpusSession, corpusSpeakers, synthesizeSession } from './voice-corpus.js';

describe('speaker verification on the synthetic corpus (small)', () => {
  let result: VerificationExperimentResult;

  before(async () => {
    result = await runVerificationExperiment({
      speakers: 20,
      sessions: 8,
      training: { ubm: { componentCount: 32, iterations: 6 }, tv: { rank: 30, iterations: 5 } },
    });
  });

  it('has a sane equal error rate on held-out speakers', (t) => {
    t.diagnostic(
      `EER ${(100 * result.eer).toFixed(2)}% over ${String(result.targetScores.length)} target and ${String(result.nonTargetScores.length)} non-target trials`,
    );
    assert.equal(result.heldOutSpeakers, 8);
    assert.equal(result.targetScores.length, 8 * 7);
    assert.equal(result.nonTargetScores.length, 8 * 7 * 7);
    assert.ok(result.eer <= 0.15, `EER ${String(result.eer)}`);
  });

  it('extracts the same i-vector from audio after the model is stored and read back', async () => {
    const [speaker] = corpusSpeakers(4).slice(3);
    if (speaker === undefined) throw new Error('no speaker');
    const samples = await synthesizeSession(corpusSession(speaker, 1));
    const stored = readIvectorModel(writeIvectorModel(result.model));
    const a = extractIvector(result.model, samples);
    const b = extractIvector(stored, samples);
    assert.deepEqual(b, a);
    assert.ok(Math.abs(scoreIvectors(a, b, stored.backend) - 1) < 1e-12);
  });
});
