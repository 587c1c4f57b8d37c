/**
 * The binary mdef of Debian's `pocketsphinx-en-us`. Its text part only describes the format, so
 * the counts are read here straight from the file (42 CI phones, 137053 triphones, 3 states,
 * 126 CI senones of 5126, 42 matrices, 29324 senone sequences, SIL = 32), and every triphone
 * lookup is checked against the phone table read here independently, at offsets computed from
 * the file's own header.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isSpeechError } from '../align/speech-error.js';
import { DEFAULT_MODEL_DIRECTORY } from './acoustic-model.js';
import { WordPosition, readModelDefinition } from './model-definition.js';

const MDEF = new Uint8Array(readFileSync(join(DEFAULT_MODEL_DIRECTORY, 'mdef')));

/** Offsets of the parts of a little-endian binary mdef, and its ten counts. */
function layout(bytes: Uint8Array): {
  countsAt: number;
  counts: number[];
  treeAt: number;
  phonesAt: number;
  sequencesAt: number;
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const countsAt = 12 + view.getInt32(8, true);
  const counts = Array.from({ length: 10 }, (_, i) => view.getInt32(countsAt + 4 * i, true));
  const [ciCount = 0, phoneCount = 0, , , , , , , treeCount = 0] = counts;
  let end = countsAt + 40;
  for (let i = 0; i < ciCount; i++) end = bytes.indexOf(0, end) + 1;
  const treeAt = countsAt + 40 + ((end - countsAt - 40 + 3) & ~3);
  const phonesAt = treeAt + 8 * treeCount;
  return { countsAt, counts, treeAt, phonesAt, sequencesAt: phonesAt + 12 * phoneCount };
}

const LAYOUT = layout(MDEF);

/** `[wpos, base, lc, rc]` of a phone, straight from the file. */
function phoneInfo(phone: number): number[] {
  return Array.from(
    MDEF.subarray(LAYOUT.phonesAt + 12 * phone + 8, LAYOUT.phonesAt + 12 * phone + 12),
  );
}

/** A copy of the real mdef with count `index` (0 = n_ciphone ... 9 = sil) set to `value`. */
function withCount(index: number, value: number): Uint8Array {
  const copy = MDEF.slice();
  new DataView(copy.buffer).setInt32(LAYOUT.countsAt + 4 * index, value, true);
  return copy;
}

/** The real mdef written big-endian: every int32 and int16 field swapped, strings kept. */
function bigEndian(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const source = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const target = new DataView(copy.buffer);
  const swap32 = (at: number): void => {
    target.setInt32(at, source.getInt32(at, true), false);
  };
  const swap16 = (at: number): void => {
    target.setInt16(at, source.getInt16(at, true), false);
  };
  [0, 4, 8].forEach(swap32);
  for (let i = 0; i < 10; i++) swap32(LAYOUT.countsAt + 4 * i);
  const [, phoneCount = 0, , , , , , , treeCount = 0] = LAYOUT.counts;
  for (let i = 0; i < treeCount; i++) {
    swap16(LAYOUT.treeAt + 8 * i);
    swap16(LAYOUT.treeAt + 8 * i + 2);
    swap32(LAYOUT.treeAt + 8 * i + 4);
  }
  for (let i = 0; i < phoneCount; i++) {
    swap32(LAYOUT.phonesAt + 12 * i);
    swap32(LAYOUT.phonesAt + 12 * i + 4);
  }
  swap32(LAYOUT.sequencesAt);
  for (let at = LAYOUT.sequencesAt + 4; at < bytes.length; at += 2) swap16(at);
  return copy;
}

function assertMalformed(bytes: Uint8Array): void {
  assert.throws(
    () => readModelDefinition(bytes),
    (e) => isSpeechError(e, 'DEURO_SPEECH_MODEL_MALFORMED') && e.details.field === 'mdef',
  );
}

const definition = readModelDefinition(MDEF);
const ci = (name: string): number => {
  const id = definition.ciPhoneId(name);
  assert.ok(id >= 0, name);
  return id;
};

describe('readModelDefinition on the en-us mdef', () => {
  it('has the counts of the model and of its own header', () => {
    assert.deepEqual(LAYOUT.counts, [42, 137095, 3, 126, 5126, 42, 29324, 3, 142108, 32]);
    assert.equal(definition.ciPhones.length, 42);
    assert.equal(definition.phoneCount, 42 + 137053);
    assert.equal(definition.stateCount, 3);
    assert.equal(definition.ciSenoneCount, 126);
    assert.equal(definition.senoneCount, 5126);
    assert.equal(definition.transitionMatrixCount, 42);
    assert.equal(definition.senoneSequenceCount, 29324);
    assert.equal(definition.silence, 32);
    assert.equal(definition.ciPhones[definition.silence], 'SIL');
  });

  it('names the 39 CMU phones, SIL and two noise phones; those three are the fillers', () => {
    assert.deepEqual(definition.ciPhones.slice(0, 6), ['+NSN+', '+SPN+', 'AA', 'AE', 'AH', 'AO']);
    assert.equal(definition.ciPhones.at(-1), 'ZH');
    assert.equal(definition.ciPhoneId('XX'), -1);
    const fillers = definition.ciPhones.filter((_, id) => definition.isFiller(id));
    assert.deepEqual(fillers, ['+NSN+', '+SPN+', 'SIL']);
  });

  it('gives CI phone c the senones 3c..3c+2 and the transition matrix c', () => {
    for (let c = 0; c < definition.ciPhones.length; c++) {
      assert.deepEqual(
        [0, 1, 2].map((s) => definition.senone(c, s)),
        [3 * c, 3 * c + 1, 3 * c + 2],
      );
      assert.equal(definition.transitionMatrix(c), c);
      assert.equal(definition.basePhone(c), c);
      assert.equal(definition.senoneBase(3 * c + 2), c);
    }
  });

  it('finds the triphones of "the cat" with their senones and matrices', () => {
    const cases = [
      { base: 'AH', left: 'DH', right: 'N', position: WordPosition.internal, phone: 7101 },
      { base: 'AH', left: 'DH', right: 'SIL', position: WordPosition.end, phone: 7124 },
      { base: 'K', left: 'SIL', right: 'AE', position: WordPosition.begin, phone: 72187 },
      { base: 'AE', left: 'K', right: 'T', position: WordPosition.internal, phone: 5109 },
      { base: 'T', left: 'AE', right: 'SIL', position: WordPosition.end, phone: 113220 },
    ];
    for (const { base, left, right, position, phone } of cases) {
      const ids = [ci(base), ci(left), ci(right)] as const;
      assert.equal(definition.phoneId(ids[0], ids[1], ids[2], position), phone, base);
      assert.deepEqual(phoneInfo(phone), [position, ...ids]);
      assert.equal(definition.basePhone(phone), ids[0]);
      assert.equal(definition.transitionMatrix(phone), ids[0]);
    }
    assert.deepEqual(
      [0, 1, 2].map((s) => definition.senone(7101, s)),
      [415, 572, 709],
    );
    assert.deepEqual(
      [0, 1, 2].map((s) => definition.senone(113220, s)),
      [4242, 4423, 4519],
    );
  });

  it('finds every triphone of the file from its own word position and contexts', () => {
    for (let phone = definition.ciPhones.length; phone < definition.phoneCount; phone++) {
      const [position = 0, base = 0, left = 0, right = 0] = phoneInfo(phone);
      if (definition.phoneId(base, left, right, position as WordPosition) !== phone) {
        assert.fail(`phone ${String(phone)} (${phoneInfo(phone).join(' ')}) not found`);
      }
    }
  });

  it('maps every senone to the base phone of the phones that use it', () => {
    for (let phone = 0; phone < definition.phoneCount; phone += 97) {
      for (let s = 0; s < 3; s++) {
        const senone = definition.senone(phone, s);
        assert.ok(senone < definition.senoneCount);
        assert.equal(definition.senoneBase(senone), definition.basePhone(phone));
      }
    }
    for (let senone = 0; senone < definition.senoneCount; senone++) {
      assert.ok(definition.senoneBase(senone) >= 0, `senone ${String(senone)} unused`);
    }
  });

  it('treats filler contexts as silence and backs off as bin_mdef_phone_id_nearest', () => {
    const [ah, n, sil, nsn] = [ci('AH'), ci('N'), ci('SIL'), ci('+NSN+')];
    assert.equal(
      definition.phoneId(ah, nsn, n, WordPosition.begin),
      definition.phoneId(ah, sil, n, WordPosition.begin),
    );
    assert.deepEqual(definition.nearestPhone(ci('AH'), ci('DH'), n, WordPosition.internal), {
      phone: 7101,
      match: 'exact',
    });
    assert.equal(definition.phoneId(ci('AA'), sil, sil, WordPosition.internal), -1);
    assert.deepEqual(definition.nearestPhone(ci('AA'), sil, sil, WordPosition.internal), {
      phone: definition.phoneId(ci('AA'), sil, sil, WordPosition.single),
      match: 'other-position',
    });
    assert.deepEqual(definition.nearestPhone(ci('AE'), sil, sil, WordPosition.internal), {
      phone: ci('AE'),
      match: 'ci',
    });
  });

  it('reads the same model written big-endian', () => {
    const swapped = readModelDefinition(bigEndian(MDEF));
    assert.equal(swapped.phoneCount, definition.phoneCount);
    assert.equal(swapped.phoneId(ci('AE'), ci('K'), ci('T'), WordPosition.internal), 5109);
    assert.deepEqual(
      [0, 1, 2].map((s) => swapped.senone(113220, s)),
      [4242, 4423, 4519],
    );
  });
});

describe('readModelDefinition on malformed files', () => {
  it('rejects a text mdef and a wrong magic or version', () => {
    assertMalformed(new TextEncoder().encode(`0.3\n42 n_base\n137053 n_tri\n${' '.repeat(60)}\n`));
    const magic = MDEF.slice();
    magic[0] = 0x58;
    assertMalformed(magic);
    const version = MDEF.slice();
    new DataView(version.buffer).setInt32(4, 2, true);
    assertMalformed(version);
  });

  it('rejects the file cut at any of its part boundaries', () => {
    const { countsAt, treeAt, phonesAt, sequencesAt } = LAYOUT;
    const cuts = [0, 51, countsAt + 39, countsAt + 41, treeAt + 8, phonesAt - 1, phonesAt + 12];
    cuts.push(sequencesAt, sequencesAt + 2, sequencesAt + 4, MDEF.length - 1);
    for (const cut of cuts) assertMalformed(MDEF.subarray(0, cut));
  });

  it('rejects wrong counts', () => {
    assertMalformed(withCount(0, 0)); // no CI phones
    assertMalformed(withCount(1, 41)); // fewer phones than CI phones
    assertMalformed(withCount(2, 5)); // 5 states: the sseq size disagrees
    assertMalformed(withCount(3, 5127)); // more CI senones than senones
    assertMalformed(withCount(4, 5000)); // sequences use senones beyond the count
    assertMalformed(withCount(4, 0x7fffffff)); // senone ids are uint16
    assertMalformed(withCount(5, 41)); // a phone uses matrix 41
    assertMalformed(withCount(6, 29323)); // the sseq size disagrees
    assertMalformed(withCount(8, 0)); // no tree
  });
});
