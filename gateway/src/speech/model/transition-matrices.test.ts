/**
 * The model's transition matrices (one per CI phone, three emitting states and an exit) in
 * probability space, and the normalisation and floor on small matrices written here.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isSpeechError } from '../align/speech-error.js';
import { DEFAULT_MODEL_DIRECTORY } from './acoustic-model.js';
import {
  TRANSITION_FLOOR,
  readTransitionMatrices,
  type TransitionMatrices,
} from './transition-matrices.js';

const FILE = readFileSync(join(DEFAULT_MODEL_DIRECTORY, 'transition_matrices'));
const TMAT = new Uint8Array(FILE);
const PAYLOAD_AT = FILE.indexOf('endhdr\n') + 'endhdr\n'.length;

/** An s3 transition file without checksum: counts then float32 rows. */
function tmatFile(counts: readonly number[], values: readonly number[]): Uint8Array {
  const head = new TextEncoder().encode('s3\nversion 1.0\nendhdr\n');
  const bytes = new Uint8Array(head.length + 4 * (1 + counts.length + values.length));
  bytes.set(head);
  const view = new DataView(bytes.buffer);
  let at = head.length;
  view.setUint32(at, 0x11223344, true);
  for (const count of counts) view.setInt32((at += 4), count, true);
  for (const value of values) view.setFloat32((at += 4), value, true);
  return bytes;
}

/** Probabilities of row `from` of matrix `m`. */
function row(t: TransitionMatrices, m: number, from: number): number[] {
  const width = t.stateCount + 1;
  const start = (m * t.stateCount + from) * width;
  return Array.from(t.logProbabilities.subarray(start, start + width), Math.exp);
}

function assertMalformed(bytes: Uint8Array): void {
  assert.throws(
    () => readTransitionMatrices(bytes, 'transition_matrices'),
    (e) =>
      isSpeechError(e, 'DEURO_SPEECH_MODEL_MALFORMED') && e.details.field === 'transition_matrices',
  );
}

describe('readTransitionMatrices on the en-us model', () => {
  const matrices = readTransitionMatrices(TMAT, 'transition_matrices');

  it('has 42 matrices of 3 emitting states', () => {
    assert.equal(matrices.count, 42);
    assert.equal(matrices.stateCount, 3);
    assert.equal(matrices.logProbabilities.length, 42 * 3 * 4);
  });

  it('has rows that sum to 1 with only a self loop and a step to the next state', () => {
    for (let m = 0; m < matrices.count; m++) {
      for (let from = 0; from < 3; from++) {
        const p = row(matrices, m, from);
        assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12, `matrix ${String(m)}`);
        p.forEach((value, to) => {
          if (to === from || to === from + 1) {
            assert.ok(value >= TRANSITION_FLOOR / (1 + TRANSITION_FLOOR) && value < 1);
          } else {
            assert.equal(value, 0);
          }
        });
      }
    }
  });

  it('normalises the stored counts of each row', () => {
    const view = new DataView(TMAT.buffer);
    const raw = [0, 1].map((k) => view.getFloat32(PAYLOAD_AT + 4 * (5 + k), true));
    const [stay = 0, leave = 0] = raw;
    const [p0 = 0, p1 = 0] = row(matrices, 0, 0);
    assert.ok(Math.abs(p0 - stay / (stay + leave)) < 1e-7);
    assert.ok(Math.abs(p1 - leave / (stay + leave)) < 1e-7);
  });
});

describe('readTransitionMatrices on small files', () => {
  it('floors small non-zero probabilities and keeps zeros impossible', () => {
    const t = readTransitionMatrices(tmatFile([1, 1, 2, 2], [2e-5, 0.2]), 'tiny');
    // 2e-5 / 0.20002 is just below the floor: raised to it, then the row is normalised again.
    const sum = TRANSITION_FLOOR + 0.2 / 0.20002;
    const [stay = 0, leave = 0] = row(t, 0, 0);
    assert.ok(Math.abs(stay - TRANSITION_FLOOR / sum) < 1e-9);
    assert.ok(Math.abs(stay + leave - 1) < 1e-12);
    const zero = readTransitionMatrices(tmatFile([1, 1, 2, 2], [0, 3]), 'tiny');
    assert.equal(zero.logProbabilities[0], -Infinity);
    assert.equal(zero.logProbabilities[1], 0);
  });

  it('applies a given floor', () => {
    const t = readTransitionMatrices(tmatFile([1, 1, 2, 2], [0.01, 0.99]), 'tiny', 0.1);
    const [stay = 0] = row(t, 0, 0);
    assert.ok(Math.abs(stay - 0.1 / 1.09) < 1e-7);
  });

  it('rejects wrong dimensions, a value count that does not match and a right-to-left matrix', () => {
    assertMalformed(tmatFile([1, 2, 2, 4], [1, 1, 0, 1]));
    assertMalformed(tmatFile([0, 1, 2, 0], []));
    assertMalformed(tmatFile([1, 1, 2, 3], [1, 1, 1]));
    assertMalformed(tmatFile([1, 2, 3, 6], [1, 1, 0, 1, 1, 1]));
  });

  it('rejects a truncated model file and a wrong checksum', () => {
    assertMalformed(TMAT.subarray(0, TMAT.length - 4));
    assertMalformed(TMAT.subarray(0, PAYLOAD_AT + 2));
    const changed = TMAT.slice();
    changed[PAYLOAD_AT + 40] = (changed[PAYLOAD_AT + 40] ?? 0) ^ 0x01;
    assertMalformed(changed);
  });
});
