/**
 * Pronouncing dictionaries: Debian's cmudict-en-us and the model's noisedict, and the rules of
 * the format on small dictionaries written here.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isSpeechError } from '../align/speech-error.js';
import { DEFAULT_DICTIONARY_PATH, DEFAULT_MODEL_DIRECTORY } from './acoustic-model.js';
import { parsePronouncingDictionary } from './pronouncing-dictionary.js';

describe('parsePronouncingDictionary on cmudict-en-us', () => {
  const text = readFileSync(DEFAULT_DICTIONARY_PATH, 'utf8');
  const dictionary = parsePronouncingDictionary(text, DEFAULT_DICTIONARY_PATH);

  it('has one entry per headword, alternates grouped with it', () => {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const alternates = lines.filter((line) => /^\S+\(\d+\)\s/.test(line)).length;
    assert.equal(lines.length, 134723);
    assert.equal(dictionary.size, lines.length - alternates);
    assert.equal(dictionary.size, 125945);
    assert.deepEqual([...dictionary.words()].slice(0, 3), ["'bout", "'cause", "'course"]);
  });

  it('gives the main pronunciation first, then the alternates in file order', () => {
    assert.deepEqual(dictionary.pronunciations('the'), [
      ['DH', 'AH'],
      ['DH', 'IY'],
    ]);
    assert.deepEqual(dictionary.pronunciations('a'), [['AH'], ['EY']]);
    // "read(2)" follows "read's" in the file.
    assert.deepEqual(dictionary.pronunciations('read'), [
      ['R', 'EH', 'D'],
      ['R', 'IY', 'D'],
    ]);
    assert.deepEqual(dictionary.pronunciations('hello'), [
      ['HH', 'AH', 'L', 'OW'],
      ['HH', 'EH', 'L', 'OW'],
    ]);
    assert.deepEqual(dictionary.pronunciations('cat'), [['K', 'AE', 'T']]);
  });

  it('matches words without regard to case and knows no alternate as a word', () => {
    assert.deepEqual(dictionary.pronunciations('The'), dictionary.pronunciations('the'));
    assert.equal(dictionary.pronunciations('the(2)'), undefined);
    assert.equal(dictionary.pronunciations('qwzxv'), undefined);
  });
});

describe('parsePronouncingDictionary on the noisedict', () => {
  it('has the filler words and their phones', () => {
    const path = join(DEFAULT_MODEL_DIRECTORY, 'noisedict');
    const noise = parsePronouncingDictionary(readFileSync(path, 'utf8'), 'noisedict');
    assert.deepEqual([...noise.words()], ['<s>', '</s>', '<sil>', '[noise]', '[speech]']);
    assert.deepEqual(noise.pronunciations('<sil>'), [['SIL']]);
    assert.deepEqual(noise.pronunciations('[NOISE]'), [['+NSN+']]);
    assert.deepEqual(noise.pronunciations('[speech]'), [['+SPN+']]);
  });
});

describe('parsePronouncingDictionary rules', () => {
  it('skips comments and blank lines and normalises white space', () => {
    const dictionary = parsePronouncingDictionary(
      ';; a comment\n## another\n\nHello\tHH  AH L OW\r\nhello(2) HH EH L OW \n',
      'test.dict',
    );
    assert.equal(dictionary.size, 1);
    assert.deepEqual(dictionary.pronunciations('hello'), [
      ['HH', 'AH', 'L', 'OW'],
      ['HH', 'EH', 'L', 'OW'],
    ]);
  });

  it('rejects a line without phones, naming the file', () => {
    for (const text of ['the DH AH\nword\n', 'the DH AH\nthe(2)   \n']) {
      assert.throws(
        () => parsePronouncingDictionary(text, 'test.dict'),
        (e) => isSpeechError(e, 'DEURO_SPEECH_MODEL_MALFORMED') && e.details.field === 'test.dict',
      );
    }
  });
});
