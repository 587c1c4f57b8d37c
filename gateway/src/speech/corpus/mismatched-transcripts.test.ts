import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCorpusError } from './errors.js';
import { mismatchedTranscripts } from './mismatched-transcripts.js';
import { ENGLISH_SENTENCES, SUBSTITUTE_WORDS } from './sentences.js';

const sentence = 'the quick brown fox jumps over the lazy dog';

describe('mismatchedTranscripts', () => {
  it('makes the four kinds, each different from the transcript, the same for a seed', () => {
    const wrong = mismatchedTranscripts(sentence, ENGLISH_SENTENCES, 5);
    assert.deepEqual(
      wrong.map((w) => w.kind),
      ['different-sentence', 'swapped-words', 'substituted-20pct', 'other-file'],
    );
    for (const w of wrong) assert.notEqual(w.transcript, sentence);
    assert.deepEqual(mismatchedTranscripts(sentence, ENGLISH_SENTENCES, 5), wrong);
    assert.notDeepEqual(mismatchedTranscripts(sentence, ENGLISH_SENTENCES, 6), wrong);
  });

  it('swaps two different words and keeps the rest', () => {
    for (let seed = 0; seed < 20; seed++) {
      const swapped = mismatchedTranscripts(sentence, [], seed).find(
        (w) => w.kind === 'swapped-words',
      );
      const words = swapped?.transcript.split(' ') ?? [];
      const original = sentence.split(' ');
      const changed = original.flatMap((word, i) => (words[i] === word ? [] : [i]));
      assert.equal(changed.length, 2);
      assert.deepEqual([...words].sort(), [...original].sort());
    }
  });

  it('substitutes 20% of the words (at least one) with substitute words', () => {
    for (let seed = 0; seed < 20; seed++) {
      const substituted = mismatchedTranscripts(sentence, [], seed).find(
        (w) => w.kind === 'substituted-20pct',
      );
      const words = substituted?.transcript.split(' ') ?? [];
      const changed = sentence.split(' ').filter((word, i) => words[i] !== word);
      assert.equal(changed.length, 2);
      assert.equal(words.filter((word) => SUBSTITUTE_WORDS.includes(word)).length, 2);
    }
    const short = mismatchedTranscripts('hello world', [], 1).find(
      (w) => w.kind === 'substituted-20pct',
    );
    assert.equal(
      short?.transcript.split(' ').filter((w) => SUBSTITUTE_WORDS.includes(w)).length,
      1,
    );
  });

  it('normalises case and spaces, and leaves out kinds it cannot make', () => {
    const wrong = mismatchedTranscripts('  Hello   HELLO ', ['hello hello', ' '], 0);
    assert.deepEqual(
      wrong.map((w) => w.kind),
      ['different-sentence', 'substituted-20pct'],
    );
    const other = mismatchedTranscripts('a b', ['A  B', 'c d'], 0).find(
      (w) => w.kind === 'other-file',
    );
    assert.equal(other?.transcript, 'c d');
  });

  it('rejects an empty transcript and a bad seed by field', () => {
    assert.throws(
      () => mismatchedTranscripts(' ', [], 0),
      (e) => isCorpusError(e, 'DEURO_CORPUS_INVALID_PARAMETER') && e.details.field === 'transcript',
    );
    assert.throws(
      () => mismatchedTranscripts('a b', [], -1),
      (e) => isCorpusError(e) && e.details.field === 'seed',
    );
  });
});
