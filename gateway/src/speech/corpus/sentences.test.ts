import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ENGLISH_SENTENCES, SUBSTITUTE_WORDS } from './sentences.js';

const DICTIONARY = '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict';

/** word (without the `(2)` of alternates) -> its pronunciations. */
function readDictionary(): Map<string, string[]> {
  assert.ok(
    existsSync(DICTIONARY),
    `${DICTIONARY} is missing: install the Debian package pocketsphinx-en-us`,
  );
  const entries = new Map<string, string[]>();
  for (const line of readFileSync(DICTIONARY, 'utf8').split('\n')) {
    const [head, ...phones] = line.trim().split(/\s+/);
    if (head === undefined || head === '') continue;
    const word = head.replace(/\(\d+\)$/, '');
    entries.set(word, [...(entries.get(word) ?? []), phones.join(' ')]);
  }
  return entries;
}

const dictionary = readDictionary();

describe('built-in sentences', () => {
  it('has about thirty sentences of 5 to 12 lowercase words', () => {
    assert.ok(ENGLISH_SENTENCES.length >= 30);
    assert.equal(new Set(ENGLISH_SENTENCES).size, ENGLISH_SENTENCES.length);
    for (const sentence of ENGLISH_SENTENCES) {
      const words = sentence.split(' ');
      assert.ok(words.length >= 5 && words.length <= 12, sentence);
      assert.match(sentence, /^[a-z]+( [a-z]+)*$/);
    }
  });

  it('uses only words of the CMU dictionary', () => {
    const missing = ENGLISH_SENTENCES.flatMap((s) => s.split(' ')).filter(
      (word) => !dictionary.has(word),
    );
    assert.deepEqual(missing, []);
  });

  it('substitutes with dictionary words that sound like no sentence word or other substitute', () => {
    const sentenceWords = new Set(ENGLISH_SENTENCES.flatMap((s) => s.split(' ')));
    const owner = new Map<string, string>();
    for (const word of sentenceWords) {
      for (const phones of dictionary.get(word) ?? []) owner.set(phones, word);
    }
    assert.equal(new Set(SUBSTITUTE_WORDS).size, SUBSTITUTE_WORDS.length);
    for (const word of SUBSTITUTE_WORDS) {
      const pronunciations = dictionary.get(word);
      assert.ok(pronunciations !== undefined, `${word} is not in the dictionary`);
      assert.ok(!sentenceWords.has(word), `${word} is a sentence word`);
      for (const phones of pronunciations) {
        const other = owner.get(phones);
        assert.equal(other, undefined, `${word} sounds like ${String(other)}`);
        owner.set(phones, word);
      }
    }
  });
});
