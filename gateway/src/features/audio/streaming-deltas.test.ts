import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { regressionDeltas, sphinxDeltas } from './deltas.js';
import { AudioErrorCode, isAudioError } from './errors.js';
import { newFeatureMatrix, type FeatureMatrix } from './feature-matrix.js';
import {
  newStreamingRegressionDeltas,
  newStreamingSphinxDeltas,
  type StreamingDeltas,
} from './streaming-deltas.js';

function cepstra(frameCount: number, dimension: number): FeatureMatrix {
  let state = frameCount + 1;
  const data = Float32Array.from({ length: frameCount * dimension }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 28 - 8;
  });
  return newFeatureMatrix(data, dimension);
}

function streamed(m: FeatureMatrix, deltas: StreamingDeltas): Float32Array {
  const out: number[] = [];
  const collect = (frame: Float32Array): void => {
    out.push(...frame);
  };
  for (let t = 0; t < m.frameCount; t++) {
    deltas.push(m.data.subarray(t * m.dimension, (t + 1) * m.dimension), collect);
  }
  deltas.end(collect);
  return Float32Array.from(out);
}

describe('streaming deltas', () => {
  const lengths = [0, 1, 2, 3, 4, 6, 7, 8, 13, 60];
  it('equal sphinxDeltas to the bit, whatever the length', () => {
    for (const frames of lengths) {
      const m = cepstra(frames, 5);
      assert.deepEqual(streamed(m, newStreamingSphinxDeltas(5)), sphinxDeltas(m).data);
    }
  });

  it('equal regressionDeltas to the bit, for several windows', () => {
    for (const frames of lengths) {
      for (const [deltaWindow, accelerationWindow] of [
        [2, 2],
        [1, 3],
        [4, 1],
      ] as const) {
        const m = cepstra(frames, 4);
        const batch = regressionDeltas(m, { deltaWindow, accelerationWindow });
        const stream = newStreamingRegressionDeltas(4, deltaWindow, accelerationWindow);
        assert.equal(stream.dimension, 12);
        assert.deepEqual(streamed(m, stream), batch.data, `${String(frames)} frames`);
      }
    }
  });

  it('start over after end()', () => {
    const m = cepstra(9, 3);
    const stream = newStreamingSphinxDeltas(3);
    streamed(cepstra(5, 3), stream);
    assert.deepEqual(streamed(m, stream), sphinxDeltas(m).data);
  });

  it('reject a window that is not a positive integer, naming it', () => {
    assert.throws(
      () => newStreamingRegressionDeltas(13, 0),
      (e: unknown) =>
        isAudioError(e, AudioErrorCode.invalidParameter) && e.details.field === 'deltaWindow',
    );
  });
});
