import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alignmentToCtm } from './ctm-writer.js';
import { isFormatError } from './errors.js';
import { AWKWARD_LABELS, EMPTY, HELLO_WORLD } from './sample-alignments.js';

describe('alignmentToCtm', () => {
  it('writes file, channel, start, duration, word and confidence per word', () => {
    assert.equal(
      alignmentToCtm(HELLO_WORLD, { file: 'rec-1', channel: 'A' }),
      'rec-1 A 0.300 0.410 hello 0.970\nrec-1 A 0.900 0.420 world 0.880\n',
    );
    assert.equal(alignmentToCtm(EMPTY), '');
  });

  it('puts times on the TextGrid millisecond grid', () => {
    const words = {
      ...AWKWARD_LABELS,
      words: AWKWARD_LABELS.words.map((w) => ({ ...w, label: w.label.replaceAll(' ', '_') })),
    };
    assert.equal(
      alignmentToCtm(words),
      'utterance 1 0.100 0.400 café 0.500\nutterance 1 0.500 0.400 say_"hi" 0.250\nutterance 1 1.200 0.700 naïve☃ 0.000\n',
    );
  });

  it('rejects a word with a space, a bad confidence or option', () => {
    assert.throws(
      () => alignmentToCtm(AWKWARD_LABELS),
      (e) =>
        isFormatError(e, 'DEURO_FORMAT_INVALID_ALIGNMENT') && e.details.field === 'words[1].label',
    );
    const [first] = HELLO_WORLD.words;
    assert.ok(first !== undefined);
    assert.throws(
      () => alignmentToCtm({ ...HELLO_WORLD, words: [{ ...first, confidence: 1.5 }] }),
      (e) => isFormatError(e) && e.details.field === 'words[0].confidence',
    );
    assert.throws(
      () => alignmentToCtm(HELLO_WORLD, { channel: 'a b' }),
      (e) => isFormatError(e, 'DEURO_FORMAT_INVALID_PARAMETER') && e.details.field === 'channel',
    );
    assert.throws(
      () => alignmentToCtm(HELLO_WORLD, { file: '' }),
      (e) => isFormatError(e) && e.details.field === 'file',
    );
  });
});
