import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MIN_PAUSE_HOPS,
  SOUND_MARGIN_DB,
  hopEnergies,
  refineWordEdges,
  type FramePhone,
} from './boundary-refinement.js';

const QUIET = -60;
const LOUD = -20;

/** Energies from a pattern: `.` a quiet hop, `#` a loud one. */
function energies(pattern: string): Float64Array {
  return Float64Array.from({ length: pattern.length }, (_, i) =>
    pattern[i] === '#' ? LOUD : QUIET,
  );
}

/** Phones from `label:word:start-end` (frames inclusive). */
function phones(spec: string): FramePhone[] {
  return spec.split(' ').map((item) => {
    const [label = '', word = '', range = ''] = item.split(':');
    const [start = '', end = ''] = range.split('-');
    return { label, word: Number(word), start: Number(start), end: Number(end) };
  });
}

function show(refined: readonly FramePhone[]): string {
  return refined.map((p) => `${p.label}:${String(p.start)}-${String(p.end)}`).join(' ');
}

describe('hopEnergies', () => {
  it('gives the dB energy of each 10 ms hop, floored at one 16-bit step', () => {
    const samples = new Float32Array(480);
    samples.fill(0.1, 160, 320);
    const e = hopEnergies(samples, 16000, 3);
    assert.ok(Math.abs((e[1] ?? 0) - -20) < 1e-4);
    assert.ok(Math.abs((e[0] ?? 0) - 20 * Math.log10(1 / 32768)) < 1e-6);
  });
});

describe('refineWordEdges', () => {
  it('takes a pause out of a word that swallowed it, inserting a silence', () => {
    // Word 0 frames 2-5, word 1 starts at 6 but the sound only at 12.
    const e = energies('..####......####..');
    const refined = refineWordEdges(
      phones('SIL:-1:0-1 A:0:2-5 DH:1:6-13 AH:1:14-15 SIL:-1:16-17'),
      e,
      'SIL',
    );
    assert.equal(show(refined), 'SIL:0-1 A:2-5 SIL:6-11 DH:12-13 AH:14-15 SIL:16-17');
  });

  it('gives a word the sound the pause next to it took, and trims its silent edges', () => {
    const e = energies('.....######.....');
    const refined = refineWordEdges(phones('SIL:-1:0-3 DH:0:4-6 AH:0:7-8 SIL:-1:9-15'), e, 'SIL');
    assert.equal(show(refined), 'SIL:0-4 DH:5-6 AH:7-10 SIL:11-15');
  });

  it('reaches over a silence shorter than a pause to a stop release', () => {
    assert.equal(MIN_PAUSE_HOPS, 5);
    const e = energies('...####..#........');
    const refined = refineWordEdges(phones('SIL:-1:0-2 T:0:3-6 SIL:-1:7-17'), e, 'SIL');
    assert.equal(show(refined), 'SIL:0-2 T:3-9 SIL:10-17');
  });

  it('changes nothing when no pause is clearly quieter than the words', () => {
    const e = Float64Array.from({ length: 10 }, (_, i) => (i < 2 ? LOUD - SOUND_MARGIN_DB : LOUD));
    const input = phones('SIL:-1:0-1 A:0:2-9');
    assert.deepEqual(refineWordEdges(input, e, 'SIL'), input);
  });
});
