/**
 * The model's `sendump`: 8-bit quantised mixture weights of 5126 senones over 3 streams of 128
 * codewords. The settings are checked against the header's own text, and the format's variants
 * (other byte order, clustered or 4-bit weights) on copies changed here.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isSpeechError } from '../align/speech-error.js';
import { DEFAULT_MODEL_DIRECTORY } from './acoustic-model.js';
import { LOG_WEIGHT_STEP, readMixtureWeights } from './mixture-weights.js';

const SENDUMP = new Uint8Array(readFileSync(join(DEFAULT_MODEL_DIRECTORY, 'sendump')));
const EXPECTED = { streamCount: 3, densityCount: 128, senoneCount: 5126 };

/** Offsets of the header's length fields, little-endian, up to and with the terminating 0. */
function headerLengths(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets = [];
  for (let at = 0; ;) {
    offsets.push(at);
    const length = view.getInt32(at, true);
    if (length === 0) return offsets;
    at += 4 + length;
  }
}

const LENGTHS = headerLengths(SENDUMP);
/** Where rows and columns are stored, after the terminating 0. */
const SIZES_AT = (LENGTHS.at(-1) ?? 0) + 4;

/** The file with `line` added as the last header string. */
function withSetting(line: string): Uint8Array {
  const text = new TextEncoder().encode(`${line}\0`);
  const at = LENGTHS.at(-1) ?? 0;
  const out = new Uint8Array(SENDUMP.length + 4 + text.length);
  out.set(SENDUMP.subarray(0, at));
  new DataView(out.buffer).setInt32(at, text.length, true);
  out.set(text, at + 4);
  out.set(SENDUMP.subarray(at), at + 4 + text.length);
  return out;
}

function assertMalformed(bytes: Uint8Array, expected = EXPECTED): void {
  assert.throws(
    () => readMixtureWeights(bytes, expected),
    (e) => isSpeechError(e, 'DEURO_SPEECH_MODEL_MALFORMED') && e.details.field === 'sendump',
  );
}

describe('readMixtureWeights on the en-us sendump', () => {
  const weights = readMixtureWeights(SENDUMP, EXPECTED);

  it('has the shape of the model and the settings its header text states', () => {
    assert.equal(weights.streamCount, 3);
    assert.equal(weights.densityCount, 128);
    assert.equal(weights.senoneCount, 5126);
    assert.equal(weights.quantized.length, 3 * 128 * 5126);
    const text = new TextDecoder('latin1').decode(SENDUMP.subarray(0, SIZES_AT));
    const stated = [...text.matchAll(/(feature_count|cluster_count) (\d+)/g)].map(
      ([, name = '', value]) => [name, Number(value)] as const,
    );
    assert.deepEqual([...weights.settings].sort(), stated.sort());
    assert.deepEqual(Object.fromEntries(weights.settings), { cluster_count: 0, feature_count: 3 });
    const view = new DataView(SENDUMP.buffer);
    assert.deepEqual(
      [view.getInt32(SIZES_AT, true), view.getInt32(SIZES_AT + 4, true)],
      [128, 5126],
    );
  });

  it('stores weights codeword-major that sum to about 1 per senone and stream', () => {
    const linear = Array.from({ length: 256 }, (_, v) => Math.exp(-v * LOG_WEIGHT_STEP));
    let lowest = Infinity;
    let highest = 0;
    for (let f = 0; f < 3; f++) {
      const sums = new Float64Array(5126);
      for (let g = 0; g < 128; g++) {
        for (let s = 0; s < 5126; s++) {
          sums[s] =
            (sums[s] ?? 0) + (linear[weights.quantized[(f * 128 + g) * 5126 + s] ?? 0] ?? 0);
        }
      }
      for (const sum of sums) [lowest, highest] = [Math.min(lowest, sum), Math.max(highest, sum)];
    }
    assert.ok(lowest > 0.9 && highest < 1, `sums from ${String(lowest)} to ${String(highest)}`);
  });

  it('reads the file written big-endian to the same weights', () => {
    const swapped = SENDUMP.slice();
    for (const at of [...LENGTHS, SIZES_AT, SIZES_AT + 4]) swapped.subarray(at, at + 4).reverse();
    const other = readMixtureWeights(swapped, EXPECTED);
    assert.deepEqual(other.settings, weights.settings);
    assert.ok(Buffer.from(other.quantized).equals(weights.quantized));
  });
});

describe('readMixtureWeights on malformed files', () => {
  it('rejects sizes that differ from the other model files', () => {
    assertMalformed(SENDUMP, { ...EXPECTED, streamCount: 1 });
    assertMalformed(SENDUMP, { ...EXPECTED, densityCount: 256 });
    assertMalformed(SENDUMP, { ...EXPECTED, senoneCount: 5000 });
  });

  it('rejects truncated files and extra bytes', () => {
    for (const cut of [0, 7, 20, SIZES_AT - 2, SIZES_AT + 6, SENDUMP.length - 1]) {
      assertMalformed(SENDUMP.subarray(0, cut));
    }
    const longer = new Uint8Array(SENDUMP.length + 1);
    longer.set(SENDUMP);
    assertMalformed(longer);
  });

  it('rejects a bad header string length, clustered and 4-bit weights', () => {
    const negative = SENDUMP.slice();
    new DataView(negative.buffer).setInt32(LENGTHS[2] ?? 0, -5, true);
    assertMalformed(negative);
    assertMalformed(withSetting('cluster_count 16'));
    assertMalformed(withSetting('cluster_bits 4'));
    assert.equal(readMixtureWeights(withSetting('cluster_bits 8'), EXPECTED).senoneCount, 5126);
  });

  it('rejects another kind of model file', () => {
    assertMalformed(new Uint8Array(readFileSync(join(DEFAULT_MODEL_DIRECTORY, 'means'))));
  });
});
