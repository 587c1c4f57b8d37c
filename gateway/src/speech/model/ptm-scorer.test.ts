/**
 * The PTM senone scorer on the en-us model: scores are finite, equal for equal frames whatever
 * came before, and equal to a direct evaluation of the mixture from the model files' means,
 * variances and weights (top-N Gaussians, no density floor) without the scorer's tables.
 */

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadAcousticModel, type AcousticModel } from './acoustic-model.js';
import { VARIANCE_FLOOR } from './codebooks.js';
import { LOG_WEIGHT_STEP } from './mixture-weights.js';
import { newSenoneScorer, type SenoneScorer } from './ptm-scorer.js';

const ALL_CODEBOOKS = Int32Array.from({ length: 42 }, (_, c) => c);

/** A frame at Gaussian `g` of codebook `c` in every stream: a frame the model knows. */
function frameAt(model: AcousticModel, c: number, g: number): Float32Array {
  const x = new Float32Array(39);
  for (let f = 0; f < 3; f++) {
    const at = ((c * 3 + f) * 128 + g) * 13;
    x.set(model.means.values.subarray(at, at + 13), f * 13);
  }
  return x;
}

/** Scores of every senone for one frame, all codebooks active. */
function scoreAll(scorer: SenoneScorer, x: Float32Array): Float64Array {
  scorer.beginFrame(x, ALL_CODEBOOKS, ALL_CODEBOOKS.length);
  return Float64Array.from({ length: 5126 }, (_, s) => scorer.score(s));
}

/** ln sum over the `n` best Gaussians of w N(x), summed over streams, from the raw files. */
function referenceScore(model: AcousticModel, x: Float32Array, senone: number, n: number): number {
  const c = model.definition.senoneBase(senone);
  let total = 0;
  for (let f = 0; f < 3; f++) {
    const densities = Array.from({ length: 128 }, (_, g) => {
      let d = 0;
      for (let j = 0; j < 13; j++) {
        const at = ((c * 3 + f) * 128 + g) * 13 + j;
        const variance = Math.max(model.variances.values[at] ?? 0, VARIANCE_FLOOR);
        const diff = (x[f * 13 + j] ?? 0) - (model.means.values[at] ?? 0);
        d -= 0.5 * Math.log(2 * Math.PI * variance) + (diff * diff) / (2 * variance);
      }
      return { g, d };
    });
    densities.sort((a, b) => b.d - a.d);
    const best = densities[0]?.d ?? 0;
    let sum = 0;
    for (const { g, d } of densities.slice(0, n)) {
      const q = model.mixtureWeights.quantized[(f * 128 + g) * 5126 + senone] ?? 0;
      sum += Math.exp(-q * LOG_WEIGHT_STEP + d - best);
    }
    total += best + Math.log(sum);
  }
  return total;
}

function assertClose(actual: number, expected: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) < 1e-9 * Math.max(1, Math.abs(expected)),
    `${what}: ${String(actual)} vs ${String(expected)}`,
  );
}

describe('newSenoneScorer on the en-us model', () => {
  let model: AcousticModel;
  let vowel: Float32Array;
  let silence: Float32Array;
  before(async () => {
    model = await loadAcousticModel();
    vowel = frameAt(model, model.definition.ciPhoneId('AA'), 5);
    silence = frameAt(model, model.definition.silence, 0);
  });

  it('gives every senone a finite score, also for a frame far from every Gaussian', () => {
    const scorer = newSenoneScorer(model);
    assert.ok(scoreAll(scorer, vowel).every(Number.isFinite));
    assert.ok(scoreAll(scorer, new Float32Array(39).fill(1e4)).every(Number.isFinite));
    assert.equal(scorer.gaussianEvaluations, 2 * 42 * 3 * 128);
  });

  it('scores the same frame the same, whatever frames came before and in a new scorer', () => {
    const scorer = newSenoneScorer(model);
    const first = scoreAll(scorer, vowel);
    const again = scoreAll(scorer, vowel);
    scoreAll(scorer, silence);
    const afterOther = scoreAll(scorer, vowel);
    assert.deepEqual(again, first);
    assert.deepEqual(afterOther, first);
    assert.deepEqual(scoreAll(newSenoneScorer(model), vowel), first);
  });

  it('equals the mixture evaluated from the model files, without the density floor', () => {
    const unfloored = newSenoneScorer(model, { densityFloor: Infinity });
    const all = newSenoneScorer(model, { densityFloor: Infinity, topN: 128 });
    const senones = [0, 14, 98, 415, 2770, 4242, 5125];
    for (const x of [vowel, silence]) {
      unfloored.beginFrame(x, ALL_CODEBOOKS, 42);
      all.beginFrame(x, ALL_CODEBOOKS, 42);
      for (const s of senones) {
        assertClose(
          unfloored.score(s),
          referenceScore(model, x, s, 4),
          `senone ${String(s)} top 4`,
        );
        assertClose(all.score(s), referenceScore(model, x, s, 128), `senone ${String(s)} all`);
      }
    }
  });

  it('computes codebooks not begun on demand, and the floor only raises scores', () => {
    const onDemand = newSenoneScorer(model, { densityFloor: Infinity });
    onDemand.beginFrame(vowel, new Int32Array(0), 0);
    const full = newSenoneScorer(model, { densityFloor: Infinity });
    const floored = scoreAll(newSenoneScorer(model), silence);
    const expected = scoreAll(full, vowel);
    for (const s of [3, 500, 5000]) assert.equal(onDemand.score(s), expected[s]);
    const raw = scoreAll(full, silence);
    raw.forEach((value, s) => {
      assert.ok((floored[s] ?? NaN) >= value - 1e-9, `senone ${String(s)}`);
    });
  });
});
